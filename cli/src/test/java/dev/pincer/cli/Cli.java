package dev.pincer.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code ./pincer} commands in-process, as a user would type them, and keeps what they printed. */
final class Cli {
    private Cli() {}

    /** A command's exit status and what it printed. */
    record Outcome(int status, String out, String err) {
        /** Both streams, for failure messages. */
        String all() {
            return "exit " + status + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    static Outcome run(Map<String, String> env, String... args) {
        return run(env, new ByteArrayInputStream(new byte[0]), args);
    }

    static Outcome run(Map<String, String> env, InputStream in, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(env, in, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(status, out.toString(), err.toString());
    }

    /** The CLI's environment for a running {@link Harness}: its settings and the port its web API got. */
    static Map<String, String> env(Harness h) {
        Map<String, String> env = new HashMap<>(h.settings);
        env.put("PINCER_WEB_PORT", String.valueOf(h.webPort()));
        return env;
    }

    /** A stopped home: nothing listens on its port (a free one, not 7878, which another Pincer may use). */
    static Map<String, String> stopped(Path home) {
        Map<String, String> env = new HashMap<>();
        env.put("PINCER_HOME", home.toString());
        env.put("PINCER_WEB_PORT", String.valueOf(freePort()));
        env.put("TZ", "UTC");
        env.put("HOME", home.resolve("user-home").toString());
        env.put("PINCER_JVM_CACHE", "off");
        return env;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
