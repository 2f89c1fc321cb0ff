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

    private void line(String level, String format, Object[] args, Throwable t) {
        StringBuilder sb = new StringBuilder(128)
                .append(Instant.now()).append(' ').append(level).append(" [").append(name).append("] ")
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
