package dev.pincer.bench;

import dev.pincer.testkit.FakeAnthropic;
import dev.pincer.testkit.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cold: message accepted → first model request when every message starts a new sandbox and agent
 * JVM ({@code PINCER_IDLE_TIMEOUT=0}), interleaved run by run with its floor (a bare
 * {@code bwrap … java -version}) and, when available, the Claude Agent SDK's own start.
 */
final class ColdBench {
    private ColdBench() {}

    static void run(Context ctx, PeerSdk givenPeer, Report report) throws Exception {
        PeerSdk peer = givenPeer;
        List<Double> cold = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        List<Double> sdk = new ArrayList<>();
        AtomicLong first = new AtomicLong();
        try (FakeAnthropic model = new FakeAnthropic();
                HostProcess host = HostProcess.start(ctx.launch(), ctx.work(), model.baseUrl(), Map.of("PINCER_IDLE_TIMEOUT", "0"))) {
            model.respondWith(r -> {
                first.compareAndSet(0, Clock.micros());
                return Reply.text("pong");
            });
            report.note("jvm_cache", ctx.smoke() ? "not awaited (smoke)" : awaitJvmCache(host));
            for (int i = 0; i <= ctx.runs(); i++) { // run 0 warms the host's own code paths and is not counted
                awaitNoSandbox(host);
                floor.add(Floors.bwrapJavaVersion());
                if (peer != null) {
                    try {
                        sdk.add(peer.firstRequestMs());
                    } catch (Exception e) { // the peer only adds a comparison: Pincer's numbers go on without it
                        ctx.out().println("Note: the Claude Agent SDK peer failed and is left out: " + e.getMessage());
                        report.note("peer", "failed: " + e.getMessage());
                        peer = null;
                    }
                }
                first.set(0);
                long t0 = Clock.micros();
                host.awaitReply("main", host.post("main", "ping " + i));
                if (i > 0) {
                    cold.add(Clock.millisBetween(t0, first.get()));
                }
                ctx.out().printf("  cold run %d/%d: %.0f ms (floor %.0f ms%s)%n", i, ctx.runs(), Clock.millisBetween(t0, first.get()),
                        floor.getLast(), peer == null ? "" : String.format(", Claude Agent SDK %.0f ms", sdk.getLast()));
            }
        }
        Stats floorStats = Stats.of(floor.subList(1, floor.size()));
        Stats coldStats = Stats.of(cold);
        report.add(new Row("cold_first_request_ms", "cold: message accepted -> first model request", "ms", coldStats,
                coldStats.median() / floorStats.median(), "<= 300 ms and <= 3x floor; faster than the Claude Agent SDK"));
        report.add(new Row("floor_bwrap_java_version_ms", "floor: bare bwrap ... java -version", "ms", floorStats, null));
        if (peer != null && sdk.size() > 1) {
            Stats sdkStats = Stats.of(sdk.subList(1, sdk.size()));
            report.add(new Row("peer_claude_agent_sdk_first_request_ms", "peer: Claude Agent SDK " + PeerSdk.VERSION
                    + " process start -> first model request", "ms", sdkStats, sdkStats.median() / floorStats.median(),
                    "(Pincer cold should be below this)"));
            report.note("cold_vs_peer_ratio", coldStats.median() / sdkStats.median());
        }
    }

    /**
     * Waits (at most 180 s) until the host has trained the agent JVM's start-up cache in its fresh
     * home, so cold runs measure what a user sees from the second start on; returns what was found.
     */
    static String awaitJvmCache(HostProcess host) throws Exception {
        if ("off".equalsIgnoreCase(System.getenv().getOrDefault("PINCER_JVM_CACHE", "on"))) {
            return "off";
        }
        java.nio.file.Path dir = host.home().resolve("data/jvm-cache");
        long until = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < until) {
            if (java.nio.file.Files.isDirectory(dir)) {
                try (var files = java.nio.file.Files.list(dir)) {
                    var made = files.map(f -> f.getFileName().toString())
                            .filter(n -> n.startsWith("agent-") && (n.endsWith(".aot") || n.endsWith(".jsa"))).findFirst();
                    if (made.isPresent()) {
                        return "used: " + made.get();
                    }
                }
            }
            Thread.sleep(200);
        }
        return "not made within 180 s: cold runs went without it";
    }

    /** Waits until the previous run's sandbox has exited, so each run really starts a new one. */
    static void awaitNoSandbox(HostProcess host) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!Procs.sandboxes(host.pid()).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("bench: the previous sandbox is still running after 30 s");
            }
            Thread.sleep(10);
        }
    }
}
