package dev.pincer.cli;

import dev.pincer.cli.api.PincerApi;
import dev.pincer.cli.home.StoreLock;
import dev.pincer.cli.nanoclaw.Importer;
import dev.pincer.host.config.Config;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./pincer import-nanoclaw PATH}: carries a NanoClaw (v1) install's groups, scheduled tasks,
 * group folders with their memory and its mount allowlist into this home, and reports what could
 * not be carried over. Pincer must be stopped (the import writes its store).
 */
@Command(name = "import-nanoclaw", mixinStandardHelpOptions = true,
        description = "Import a NanoClaw install: groups (WhatsApp chats become wa:<jid>), scheduled tasks, group folders"
                + " with their CLAUDE.md, the mount allowlist; then report what could not be carried over.",
        footer = {"", "Examples:", "  ./pincer import-nanoclaw ~/nanoclaw",
                "  ./pincer import-nanoclaw ~/nanoclaw --allowlist ~/.config/nanoclaw/mount-allowlist.json"})
public final class ImportNanoclawCommand extends PincerCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", description = "The folder NanoClaw runs in (it holds store/messages.db and groups/).")
    Path path;

    @Option(names = "--allowlist", paramLabel = "FILE",
            description = "NanoClaw's mount allowlist (default: $XDG_CONFIG_HOME/nanoclaw/mount-allowlist.json, else ~/.config/nanoclaw/...).")
    Path allowlist;

    @Override
    public Integer call() throws IOException {
        Config config = config();
        if (probe() instanceof PincerApi.Probe.Running) {
            throw new Fail("Pincer is running in " + config.layout().home() + "; stop it before importing (the import writes its store)");
        }
        StoreLock.inUse(config.layout().database()).ifPresent(why -> {
            throw new Fail(why + "; stop Pincer before importing");
        });
        Importer.Report report = Importer.run(path.toAbsolutePath().normalize(), config, nanoclawAllowlist());
        PrintWriter out = out();
        out.println("Imported from NanoClaw at " + path.toAbsolutePath().normalize() + " into " + config.layout().home() + ":");
        (report.imported().isEmpty() ? java.util.List.of("nothing new") : report.imported()).forEach(l -> out.println("  " + l));
        out.println("Not carried over:");
        report.notCarried().forEach(l -> out.println("  - " + l));
        out.println("Check the result with ./pincer groups list and ./pincer tasks list, then ./pincer start.");
        return 0;
    }

    private Path nanoclawAllowlist() {
        if (allowlist != null) {
            return allowlist.toAbsolutePath().normalize();
        }
        String xdg = main.env.get("XDG_CONFIG_HOME");
        Path configHome = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(main.env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
        return configHome.resolve("nanoclaw/mount-allowlist.json");
    }
}
