package dev.pincer.cli;

import dev.pincer.cli.api.PincerApi;
import dev.pincer.host.app.Version;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point: {@code ./pincer <command>}. Each command returns its exit status; nothing else calls
 * System.exit. A failure is one line, {@code pincer: <reason>}: a wrong option exits 2, a command
 * that cannot do its job 1 (or the status its {@link Fail} names). {@code PINCER_DEBUG=1} adds the
 * stack trace.
 */
@Command(name = "pincer", mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "A personal AI assistant harness: every agent run in an OS sandbox.",
        footer = {"", "Examples:", "  ./pincer setup", "  ./pincer start", "  ./pincer status", "  ./pincer chat",
                "  ./pincer <command> --help"},
        subcommands = {SetupCommand.class, StartCommand.class, StatusCommand.class, DoctorCommand.class,
                ChatCommand.class, SendCommand.class, GroupsCommand.class, TasksCommand.class, LogsCommand.class,
                UsageCommand.class, PairCommand.class, BackupCommand.class, RestoreCommand.class,
                ServiceCommand.class, ImportNanoclawCommand.class, MemoryCommand.class,
                WhatsAppCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code --version}: the version the build wrote into the host jar. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pincer " + Version.get()};
        }
    }

    /** The environment the commands read their settings from (the process environment, or a test's map). */
    final Map<String, String> env;
    /** What interactive commands ({@code chat}, {@code setup}) read: the terminal, or a test's input. */
    final InputStream in;

    Main(Map<String, String> env) {
        this(env, System.in);
    }

    Main(Map<String, String> env, InputStream in) {
        this.env = Map.copyOf(env);
        this.in = in;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(System.getenv(), args));
    }

    /** Runs the CLI with {@code env} as its environment, without exiting; tests call this. */
    public static int run(Map<String, String> env, String... args) {
        return run(env, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Like {@link #run(Map, String...)} with the command's output and errors going to the given writers. */
    public static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        return run(new Main(env), out, err, args);
    }

    /** Like {@link #run(Map, PrintWriter, PrintWriter, String...)} with {@code in} as the terminal's input. */
    public static int run(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err, String... args) {
        return run(new Main(env, in), out, err, args);
    }

    private static int run(Main main, PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(main)
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler((e, given) -> {
                    String command = e.getCommandLine().getCommandSpec().qualifiedName(" ").replaceFirst("^pincer", "./pincer");
                    e.getCommandLine().getErr().println("pincer: " + e.getMessage() + " (see " + command + " --help)");
                    return 2;
                })
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if ("1".equals(main.env.get("PINCER_DEBUG"))) {
                        e.printStackTrace(cmd.getErr());
                    }
                    cmd.getErr().println("pincer: " + reason(e));
                    return e instanceof Fail f ? f.status() : 1;
                })
                .execute(args);
    }

    /** One line saying what went wrong. */
    static String reason(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e instanceof PincerApi.Unreachable ? "Pincer is not running" : e.toString();
        }
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
