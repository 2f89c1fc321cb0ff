package dev.pincer.cli;

import dev.pincer.host.app.Version;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code ./pincer <command>}. Each command returns its exit status; nothing else calls System.exit. */
@Command(name = "pincer", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "A personal AI assistant harness: every agent run in an OS sandbox.",
        subcommands = {StartCommand.class, DoctorCommand.class, TasksCommand.class, LogsCommand.class,
                PairCommand.class, MemoryCommand.class})
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

    Main(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
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
        return new CommandLine(new Main(env))
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("pincer: " + e.getMessage());
                    return 1;
                })
                .execute(args);
    }
}
