package dev.pincer.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The physical floors the measures are compared with, measured in the same run: a bare
 * {@code bwrap … java -version} (what any sandboxed JVM costs before it does anything) and the
 * Bash tool's command run by {@code bash -c} directly on the host (what the command itself costs).
 */
final class Floors {
    /** The command the Bash tool runs in the tool round trip: its output is its own start and end time. */
    static final String TOOL_COMMAND = "date +%s%N; date +%s%N";

    private Floors() {}

    /** Milliseconds from spawning a bare {@code bwrap … java -version} to its exit. */
    static double bwrapJavaVersion() throws Exception {
        return timed(List.of("bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
                "--unshare-all", "--die-with-parent", "--new-session", Launch.java().toString(), "-version"));
    }

    /** Milliseconds from spawning {@code bash -c TOOL_COMMAND} to its exit. */
    static double bashCommand() throws Exception {
        return timed(List.of("bash", "-c", TOOL_COMMAND));
    }

    private static double timed(List<String> command) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("bench: " + String.join(" ", command) + " did not end within 60 s");
        }
        long t1 = System.nanoTime();
        if (p.exitValue() != 0) {
            throw new IOException("bench: " + String.join(" ", command) + " exited with " + p.exitValue());
        }
        return (t1 - t0) / 1e6;
    }
}
