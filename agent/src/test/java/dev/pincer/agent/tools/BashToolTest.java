package dev.pincer.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BashToolTest {
    @TempDir
    Path dir;

    private BashTool tool() {
        return new BashTool(dir, Map.of("PATH", "/usr/bin:/bin", "HTTP_PROXY", "http://127.0.0.1:3128"),
                Duration.ofSeconds(20), Duration.ofSeconds(30));
    }

    private static JsonNode input(Map<String, Object> m) {
        return Json.MAPPER.valueToTree(m);
    }

    private ToolResult run(String command) throws Exception {
        return tool().execute(input(Map.of("command", command)));
    }

    @Test
    void runsInTheWorkspaceWithStderrMergedAndTheGivenEnvironment() throws Exception {
        ToolResult r = run("pwd; echo to-stderr >&2; echo proxy=$HTTP_PROXY; echo home=${HOME:-unset}");

        assertThat(r.isError()).isFalse();
        assertThat(r.content()).contains(dir.toRealPath().toString()).contains("to-stderr")
                .contains("proxy=http://127.0.0.1:3128").contains("home=unset");
    }

    @Test
    void reportsANonZeroExitCodeAsAnError() throws Exception {
        ToolResult r = run("echo partial; exit 7");

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).startsWith("partial").endsWith("Exit code: 7");
    }

    @Test
    void stdinIsClosed() throws Exception {
        ToolResult r = run("cat; echo after-cat");

        assertThat(r.content()).isEqualTo("after-cat");
    }

    @Test
    void saysSoWhenThereIsNoOutput() throws Exception {
        assertThat(run("true").content()).isEqualTo("(no output)");
    }

    @Test
    void capsLongOutputInTheMiddle() throws Exception {
        ToolResult r = run("echo FIRST; yes x | head -c 100000; echo; echo LAST");

        assertThat(r.content()).startsWith("FIRST").endsWith("LAST").contains("[output truncated:");
        assertThat(r.content().length()).isLessThan(BashTool.OUTPUT_LIMIT + 200);
    }

    @Test
    void aTimeoutKillsTheWholeProcessTree() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        long start = System.nanoTime();

        ToolResult r = tool().execute(input(Map.of(
                "command", "echo begun; sleep 30 & echo $! > child.pid; sleep 30", "timeout", 500)));

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
        assertThat(r.isError()).isTrue();
        assertThat(r.content()).startsWith("begun").contains("timed out after 500 ms");
        long childPid = Long.parseLong(Files.readString(pidFile).strip());
        Thread.sleep(200);
        assertThat(running(childPid)).as("the background child was killed").isFalse();
    }

    /** Alive and not a zombie (a killed orphan stays a zombie until init reaps it). */
    private static boolean running(long pid) throws Exception {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String s = Files.readString(stat);
        return s.charAt(s.lastIndexOf(')') + 2) != 'Z';
    }

    @Test
    void aBackgroundProcessHoldingTheOutputDoesNotHangTheCall() throws Exception {
        long start = System.nanoTime();

        ToolResult r = run("echo started; (sleep 5; echo late) & true");

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4500);
        assertThat(r.isError()).isFalse();
        assertThat(r.content()).startsWith("started").doesNotContain("late");
    }

    @Test
    void timeoutsAreCappedAtTheMaximum() throws Exception {
        ToolResult r = new BashTool(dir, Map.of("PATH", "/usr/bin:/bin"), Duration.ofMillis(100), Duration.ofMillis(300))
                .execute(input(Map.of("command", "sleep 5", "timeout", 999_999)));

        assertThat(r.content()).contains("timed out after 300 ms");
    }
}
