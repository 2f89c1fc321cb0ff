package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.config.Config;
import dev.pincer.host.jvmcache.AgentJvmCache;
import dev.pincer.testkit.RecordedRequest.ToolResultView;
import dev.pincer.testkit.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent JVM's start-up cache with real sandboxes and the real agent jar: Pincer trains it in
 * the background, the next sandbox maps it (seen from inside, in {@code /proc}), a stale cache is
 * replaced, a garbage one still gives the right answer, and {@code PINCER_JVM_CACHE=off} passes no
 * flag. The JVM in these tests is the build's (Java 25: an AOT cache).
 */
class JvmCacheEndToEndTest {
    /** What the sandbox's processes were started with and which files they map, as the Bash tool sees them. */
    private static final String PROBE = "for p in /proc/[0-9]*; do tr '\\0' ' ' < $p/cmdline; echo; done;"
            + " grep -l pincer-agent.aot /proc/[0-9]*/maps; ls /opt/pincer;"
            + " if [ -e /opt/pincer/pincer-agent.aot ]; then (: >> /opt/pincer/pincer-agent.aot) 2>/dev/null && echo WROTE || echo READ-ONLY; fi";

    @TempDir Path home;

    private static Path cacheFile(Harness h) throws Exception {
        return AgentJvmCache.of(Config.load(h.settings, h.home)).file();
    }

    /** Asks the agent to run {@link #PROBE} and returns what it printed. */
    private static String probe(Harness h, String answer) throws Exception {
        h.model.enqueue(Reply.toolUses("Looking.", List.of(new Reply.ToolCall("Bash", Map.of("command", PROBE)))),
                Reply.text(answer));
        long seq = h.post("main", "what runs here?");
        assertThat(h.awaitReply("main", seq, Duration.ofSeconds(120)).get("text").asText()).as(h.runLogs()).isEqualTo(answer);
        List<ToolResultView> results = h.model.requests().get(h.model.requests().size() - 1).toolResults();
        assertThat(results).hasSize(1);
        return results.get(0).content();
    }

    @Test
    void theCacheIsTrainedThenMappedByTheNextSandboxAndAStaleOneIsRemoved() throws Exception {
        Path stale = Files.createDirectories(home.resolve("data/jvm-cache")).resolve("agent-0123456789abcdef.aot");
        Files.write(stale, new byte[] {1, 2, 3});
        try (Harness h = new Harness(home).set("PINCER_JVM_CACHE", "on").start()) {
            Path file = cacheFile(h);
            assertThat(file.getFileName().toString()).matches("agent-[0-9a-f]{16}\\.aot");
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            while ((!Files.isRegularFile(file) || Files.exists(stale)) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(file).as("trained by Pincer at start; its log: %s", file.resolveSibling(
                    file.getFileName().toString().replace(".aot", ".log"))).isRegularFile();
            assertThat(stale).as("a cache of another jar or JVM is removed").doesNotExist();

            long size = Files.size(file);
            String inside = probe(h, "cached");
            assertThat(inside).containsPattern("(?m)^READ-ONLY$").doesNotContainPattern("(?m)^WROTE$");
            assertThat(file).hasSize(size);
            assertThat(inside).contains("-XX:AOTCache=/opt/pincer/pincer-agent.aot -Djava.io.tmpdir=/tmp -jar /opt/pincer/pincer-agent.jar")
                    .containsPattern("(?m)^/proc/\\d+/maps$"); // the agent JVM really mapped the cache
            assertThat(inside.lines().filter(l -> l.endsWith(".jar") || l.endsWith(".aot")).toList())
                    .containsExactly("pincer-agent.aot", "pincer-agent.jar");
            assertThat(h.runLogs()).contains("=== agent JVM cache: " + file + " at /opt/pincer/pincer-agent.aot (read-only)");

            AgentJvmCache.Status status = AgentJvmCache.of(Config.load(h.settings, h.home)).status();
            assertThat(status.active()).as(status.detail()).isTrue();
            assertThat(status.detail()).startsWith("active: " + file);
        }
    }

    @Test
    void aGarbageCacheStillGivesTheRightAnswerAndDoctorSaysSo() throws Exception {
        try (Harness h = new Harness(home).set("PINCER_JVM_CACHE", "on")) {
            Path file = cacheFile(h);
            Files.createDirectories(file.getParent());
            byte[] garbage = new byte[64 * 1024];
            new java.util.Random(7).nextBytes(garbage);
            Files.write(file, garbage);
            h.start();

            h.model.enqueue(Reply.text("still right"));
            long seq = h.post("main", "hello");
            assertThat(h.awaitReply("main", seq, Duration.ofSeconds(120)).get("text").asText()).isEqualTo("still right");
            String logs = h.runLogs();
            assertThat(logs).contains("=== agent JVM cache: " + file).contains("AOT cache"); // the JVM said why it went without
            assertThat(file).as("a present cache is never retrained behind the operator's back").hasBinaryContent(garbage);

            AgentJvmCache.Status status = AgentJvmCache.of(Config.load(h.settings, h.home)).status();
            assertThat(status.healthy()).isFalse();
            assertThat(status.detail()).startsWith("the JVM cannot use the cache " + file);
        }
    }

    @Test
    void offPassesNoFlagMountsNothingAndTrainsNothing() throws Exception {
        try (Harness h = new Harness(home).start()) { // the harness's default: PINCER_JVM_CACHE=off
            String inside = probe(h, "plain");
            assertThat(inside).contains("-XX:+UseSerialGC").contains("-jar /opt/pincer/pincer-agent.jar")
                    .doesNotContain("AOTCache").doesNotContain("SharedArchiveFile")
                    .doesNotContainPattern("(?m)^/proc/\\d+/maps$");
            assertThat(inside.lines().filter(l -> l.endsWith(".jar") || l.endsWith(".aot")).toList())
                    .containsExactly("pincer-agent.jar");
            assertThat(h.runLogs()).contains("=== agent JVM cache: none");
            assertThat(home.resolve("data/jvm-cache")).doesNotExist();
            assertThat(AgentJvmCache.of(Config.load(h.settings, h.home)).status().detail()).startsWith("off (PINCER_JVM_CACHE=off)");
        }
    }
}
