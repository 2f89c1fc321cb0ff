package dev.pincer.bench;

import dev.pincer.testkit.FakeAnthropic;
import dev.pincer.testkit.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peer: the Claude Agent SDK (npm, the agent stack NanoClaw runs) started by {@code node}
 * against its own fake model, timed from process start to its first model request. Installed
 * once into a cache folder outside the repository; absent when node or npm is missing or the
 * install fails, with the reason.
 */
final class PeerSdk {
    static final String VERSION = "0.3.334";
    private static final String SCRIPT = "peer-first-request.mjs";

    private final Path dir;

    private PeerSdk(Path dir) {
        this.dir = dir;
    }

    /** The installed peer, or null after printing why there is none (the reason is also noted in the report). */
    static PeerSdk prepare(Context ctx, Report report) {
        try {
            for (String tool : new String[] {"node", "npm"}) {
                if (new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() != 0) {
                    return skip(ctx, report, tool + " is not on PATH");
                }
            }
            String cache = System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache");
            Path dir = Path.of(cache, "pincer-bench", "claude-agent-sdk-" + VERSION);
            if (!Files.isRegularFile(dir.resolve("node_modules/@anthropic-ai/claude-agent-sdk/package.json"))) {
                Files.createDirectories(dir);
                ctx.out().println("Installing @anthropic-ai/claude-agent-sdk@" + VERSION + " into " + dir + " ...");
                Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", dir.toString(),
                        "@anthropic-ai/claude-agent-sdk@" + VERSION).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("npm-install.log").toFile()).start();
                if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                    npm.destroyForcibly();
                    return skip(ctx, report, "npm install failed (see " + dir.resolve("npm-install.log") + ")");
                }
            }
            try (InputStream in = PeerSdk.class.getResourceAsStream(SCRIPT)) {
                Files.write(dir.resolve(SCRIPT), in.readAllBytes());
            }
            report.note("peer", "Claude Agent SDK " + VERSION + " from " + dir);
            return new PeerSdk(dir);
        } catch (IOException | InterruptedException e) {
            return skip(ctx, report, "cannot prepare it: " + e);
        }
    }

    private static PeerSdk skip(Context ctx, Report report, String why) {
        ctx.out().println("Note: the Claude Agent SDK peer is skipped: " + why);
        report.note("peer", "skipped: " + why);
        return null;
    }

    /** Milliseconds from starting {@code node} with the SDK to its first request at a fresh fake model. */
    double firstRequestMs() throws Exception {
        AtomicLong first = new AtomicLong();
        Path home = Files.createTempDirectory("pincer-bench-peer");
        try (FakeAnthropic model = new FakeAnthropic().validateRequests(false)) {
            model.respondWith(r -> {
                first.compareAndSet(0, Clock.micros());
                return Reply.text("pong");
            });
            ProcessBuilder pb = new ProcessBuilder("node", dir.resolve(SCRIPT).toString()).directory(home.toFile())
                    .redirectErrorStream(true).redirectOutput(home.resolve("peer.log").toFile());
            pb.environment().putAll(java.util.Map.of("ANTHROPIC_BASE_URL", model.baseUrl(), "ANTHROPIC_API_KEY", "sk-ant-bench",
                    "HOME", home.toString(), "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1", "DISABLE_TELEMETRY", "1"));
            long t0 = Clock.micros();
            Process p = pb.start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (first.get() == 0) {
                    if (System.nanoTime() > deadline || !p.isAlive() && first.get() == 0) {
                        throw new IllegalStateException("bench: the Claude Agent SDK sent no model request (it ended, or 60 s passed):\n"
                                + Files.readString(home.resolve("peer.log")));
                    }
                    Thread.sleep(1);
                }
                return Clock.millisBetween(t0, first.get());
            } finally {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            Cleanup.deleteTree(home);
        }
    }
}
