package dev.pincer.cli;

import dev.pincer.cli.api.PincerApi;
import dev.pincer.cli.backup.Restore;
import dev.pincer.host.config.Config;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./pincer restore FILE}: puts a backup into this home ({@code PINCER_HOME}). Refuses while
 * this home's Pincer runs or its store is in use, and refuses a home that already holds a Pincer
 * unless {@code --force} (which moves the current data aside first).
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a backup (store, group folders, settings) into this home; refuses a running Pincer, and a"
                + " home that already has data unless --force.",
        footer = {"", "Examples:", "  PINCER_HOME=/srv/pincer ./pincer restore ~/pincer-backup.zip",
                "  ./pincer restore --force ~/pincer-backup.zip   (moves the current data to before-restore-<time>/)"})
public final class RestoreCommand extends PincerCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The zip ./pincer backup wrote.")
    Path file;

    @Option(names = "--force", description = "Restore over a home that already holds a Pincer; its data is moved aside first.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        Config config = config();
        switch (probe()) {
            case PincerApi.Probe.Running r -> throw new Fail("Pincer is running in " + config.layout().home()
                    + "; stop it before restoring (a restore replaces its store)");
            case PincerApi.Probe.Stopped s -> { }
            case PincerApi.Probe.Foreign f -> { } // not this home's Pincer; the store lock below decides
        }
        Restore.Report report;
        try {
            report = Restore.run(file.toAbsolutePath().normalize(), new Restore.Target(config.layout(),
                    config.sandbox().storage().mountAllowlist(), config.sandbox().user(), force));
        } catch (IllegalStateException e) {
            throw new Fail(e.getMessage());
        }
        PrintWriter out = out();
        out.println("Restored the backup of " + report.manifest().sourceHome() + " (Pincer " + report.manifest().pincerVersion()
                + ", " + report.manifest().createdAt() + ") into " + config.layout().home() + ":");
        report.lines().forEach(l -> out.println("  " + l));
        if (!report.manifest().contents().secrets()) {
            out.println("The backup has no secrets: put the API key into .env (./pincer setup) and the channels' tokens back.");
        }
        out.println("Start it with ./pincer start.");
        return 0;
    }
}
