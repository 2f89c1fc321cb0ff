package dev.pincer.cli;

import dev.pincer.cli.service.Launch;
import dev.pincer.cli.service.ServiceKind;
import dev.pincer.host.config.Config;
import dev.pincer.host.sandbox.HostSystem;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./pincer service install|uninstall}: a systemd user unit (a system unit as root) or a
 * launchd agent on macOS that runs {@code ./pincer start} in this home and restarts it when it fails.
 * Writes the file and prints what to run next; {@code --dry-run} only prints it, {@code --dir}
 * writes it elsewhere (to look at it first, or to copy it by hand).
 */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = "Install or remove the service that runs ./pincer start at boot or login (systemd, or launchd on macOS).",
        footer = {"", "Examples:", "  ./pincer service install", "  ./pincer service install --dry-run",
                "  ./pincer service uninstall"})
public final class ServiceCommand extends CommandGroup {

    /** Options both subcommands take. */
    static final class Where {
        @Option(names = "--dir", paramLabel = "DIR", description = "Write into DIR instead of the service manager's folder.")
        Path dir;

        @Option(names = "--kind", paramLabel = "KIND",
                description = "systemd-user, systemd-system or launchd (default: launchd on macOS, systemd-system as root, else systemd-user).")
        String kind;

        @Option(names = "--dry-run", description = "Print what would be written or removed; change nothing.")
        boolean dryRun;
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Write the service file (ExecStart: this ./pincer start, Restart on failure) and print the command that enables it.",
            footer = {"", "Examples:", "  ./pincer service install", "  ./pincer service install --dry-run",
                    "  ./pincer service install --dir /tmp/unit --kind systemd-user"})
    int install(@picocli.CommandLine.Mixin Where where) throws IOException {
        Config config = config();
        ServiceKind kind = kind(where);
        Path file = target(where, kind);
        String text = kind.render(new Launch(launcher(), config.layout().home(), Path.of(System.getProperty("java.home"))));
        PrintWriter out = out();
        if (where.dryRun) {
            out.println("Would write " + file + ":");
            out.print(text);
            return 0;
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.createDirectories(config.layout().logsDir());
        out.println("Wrote " + file + " (" + kind.label() + ").");
        if (where.dir != null) {
            out.println("It is not where " + kind.label() + " looks: copy it to " + kind.defaultDir(main.env) + ", then run:");
        } else {
            out.println("Next, run:");
        }
        kind.afterInstall(kind.defaultDir(main.env).resolve(kind.fileName())).forEach(l -> out.println("  " + l));
        return 0;
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true,
            description = "Remove the service file; prints the command that stops the running service.",
            footer = {"", "Example:", "  ./pincer service uninstall"})
    int uninstall(@picocli.CommandLine.Mixin Where where) throws IOException {
        ServiceKind kind = kind(where);
        Path file = target(where, kind);
        Path wanted = file.getParent().resolve(kind == ServiceKind.SYSTEMD_SYSTEM ? "multi-user.target.wants" : "default.target.wants")
                .resolve(kind.fileName());
        PrintWriter out = out();
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new Fail("no service file at " + file + "; nothing to remove");
        }
        if (where.dryRun) {
            out.println("Would remove " + file + (Files.exists(wanted, LinkOption.NOFOLLOW_LINKS) ? " and " + wanted : "") + ".");
            return 0;
        }
        if (kind != ServiceKind.LAUNCHD) {
            Files.deleteIfExists(wanted);
        }
        Files.delete(file);
        out.println("Removed " + file + ". If the service is running, stop it:");
        kind.afterUninstall().forEach(l -> out.println("  " + l));
        return 0;
    }

    private static ServiceKind kind(Where where) {
        try {
            return where.kind == null ? ServiceKind.detect(System.getProperty("os.name"), HostSystem.effectiveUid())
                    : ServiceKind.of(where.kind);
        } catch (IllegalArgumentException e) {
            throw new Fail(e.getMessage());
        }
    }

    private Path target(Where where, ServiceKind kind) {
        return (where.dir == null ? kind.defaultDir(main.env) : where.dir.toAbsolutePath().normalize()).resolve(kind.fileName());
    }

    /**
     * The absolute path of the {@code pincer} launcher: {@code PINCER_LAUNCHER} (the launcher sets it),
     * else the script in the folder above {@code cli/} (this jar is {@code cli/target/pincer.jar}).
     */
    private Path launcher() {
        String set = main.env.get("PINCER_LAUNCHER");
        Path p;
        if (set != null && !set.isBlank()) {
            p = Path.of(set).toAbsolutePath().normalize();
        } else {
            try {
                Path code = Path.of(ServiceCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                p = code.getParent().getParent().getParent().resolve("pincer").toAbsolutePath().normalize();
            } catch (URISyntaxException | RuntimeException e) {
                throw new Fail("cannot tell where the pincer launcher is; run this as ./pincer service install");
            }
        }
        if (!Files.isExecutable(p)) {
            throw new Fail("the pincer launcher " + p + " is missing or not executable; run this as ./pincer service install");
        }
        return p;
    }
}
