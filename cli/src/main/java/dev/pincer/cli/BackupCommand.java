package dev.pincer.cli;

import dev.pincer.cli.backup.Backup;
import dev.pincer.cli.backup.Manifest;
import dev.pincer.host.config.Config;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./pincer backup FILE}: one zip of the store, the group folders and the settings; safe while Pincer runs. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up the store (a consistent copy, also while Pincer runs), the group folders and the settings"
                + " into one zip; .env secrets only with --include-secrets.",
        footer = {"", "Examples:", "  ./pincer backup ~/pincer-backup.zip",
                "  ./pincer backup --include-secrets /mnt/usb/pincer-$(date +%F).zip",
                "Put it back with: ./pincer restore FILE"})
public final class BackupCommand extends PincerCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The zip to write (it must not exist yet).")
    Path file;

    @Option(names = "--include-secrets", description = "Also take .env's keys and tokens and the channels' state (data/channels/).")
    boolean includeSecrets;

    @Override
    public Integer call() throws IOException {
        Config config = config();
        Path archive = file.toAbsolutePath().normalize();
        Manifest m = Backup.write(new Backup.Source(config.layout(), config.sandbox().storage().mountAllowlist(), includeSecrets),
                archive);
        PrintWriter out = out();
        out.println("Backed up " + config.layout().home() + " to " + archive + ":");
        m.contents().parts().forEach(p -> out.println("  " + p));
        out.println("  " + m.counts().groups() + " groups, " + m.counts().messages() + " messages, " + m.counts().tasks() + " tasks; "
                + m.counts().files() + " files, " + m.counts().bytes() + " bytes");
        out.println("Left out:");
        m.contents().leftOut().forEach(p -> out.println("  " + p));
        if (includeSecrets) {
            out.println("This backup holds your API keys and tokens: keep it as safe as the .env file (it is mode 0600).");
        }
        out.println("Restore it with: PINCER_HOME=<empty folder> ./pincer restore " + archive);
        return 0;
    }
}
