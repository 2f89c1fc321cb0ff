package dev.pincer.agent;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;

/**
 * The agent's logger: one line per event on stderr (stdout is not part of the protocol and stays
 * quiet). The host captures stderr into the run's log.
 */
public final class Log {
    private static final PrintStream OUT = System.err;
    /** The sub-agent whose work a thread does (inherited by the threads it starts), or null: the run's own. */
    private static final InheritableThreadLocal<String> TASK = new InheritableThreadLocal<>();

    private final String name;

    private Log(String name) {
        this.name = name;
    }

    /** A logger whose lines are tagged with {@code name}. */
    public static Log named(String name) {
        return new Log(name);
    }

    public void info(String format, Object... args) {
        line("INFO ", format, args, null);
    }

    public void warn(String format, Object... args) {
        line("WARN ", format, args, null);
    }

    public void error(String message, Throwable t) {
        line("ERROR", "%s", new Object[] {message}, t);
    }

    /**
     * Runs {@code work} with every line it logs (also from threads it starts) tagged {@code task},
     * so a sub-agent's lines stand out in the run's log.
     */
    public static <T> T tagged(String task, java.util.concurrent.Callable<T> work) throws Exception {
        String before = TASK.get();
        TASK.set(task);
        try {
            return work.call();
        } finally {
            TASK.set(before);
        }
    }

    private void line(String level, String format, Object[] args, Throwable t) {
        String task = TASK.get();
        StringBuilder sb = new StringBuilder(128)
                .append(Instant.now()).append(' ').append(level).append(" [").append(name)
                .append(task == null ? "" : " " + task).append("] ")
                .append(args.length == 0 ? format : String.format(format, args));
        if (t != null) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            sb.append(System.lineSeparator()).append(trace.toString().stripTrailing());
        }
        synchronized (OUT) {
            OUT.println(sb);
        }
    }
}
