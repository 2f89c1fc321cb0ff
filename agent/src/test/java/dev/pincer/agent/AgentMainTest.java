package dev.pincer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.protocol.AgentOutput;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.testkit.Reply;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent as a separate JVM, as the sandbox starts it: environment in, exit code out. */
class AgentMainTest {
    @TempDir
    Path tmp;

    private static Process launch(Map<String, String> env, Path log) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                AgentMain.class.getName());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    @Test
    void runsAsAProcessAndExitsZero() throws Exception {
        try (AgentHarness h = new AgentHarness(tmp)) {
            h.fake.enqueue(Reply.toolUse("Bash", Map.of("command", "echo $HTTPS_PROXY")), Reply.text("hi from a process"));
            IpcFiles.write(h.input, AgentHarness.start("hello", null));

            Process p = launch(h.env(), tmp.resolve("agent.log"));

            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(java.nio.file.Files.readString(tmp.resolve("agent.log"))).isZero();
            assertThat(h.messages()).containsExactly("hi from a process");
            assertThat(h.result().ok()).isTrue();
            assertThat(h.fake.lastRequest().lastUserText()).isEqualTo("http://127.0.0.1:3128");
        }
    }

    @Test
    void aBadEnvironmentExitsTwoWithTheReason() throws Exception {
        Path log = tmp.resolve("agent.log");
        Process p = launch(Map.of("PINCER_MAX_TURNS", "lots"), log);

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(Agent.STARTUP_FAILED);
        assertThat(java.nio.file.Files.readString(log)).contains("PINCER_MAX_TURNS must be an integer");
    }

    @Test
    void aFailedRunExitsOne() throws Exception {
        try (AgentHarness h = new AgentHarness(tmp)) {
            h.fake.enqueue(Reply.error(400, "invalid_request_error", "bad"));
            IpcFiles.write(h.input, AgentHarness.start("hello", null));

            Process p = launch(h.env(), tmp.resolve("agent.log"));

            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(Agent.RUN_FAILED);
            assertThat(h.outputs().getLast()).isInstanceOf(AgentOutput.Result.class);
        }
    }
}
