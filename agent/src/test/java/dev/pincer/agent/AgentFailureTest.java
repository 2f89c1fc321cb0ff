package dev.pincer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.protocol.AgentInput;
import dev.pincer.protocol.AgentOutput;
import dev.pincer.protocol.Usage;
import dev.pincer.testkit.Reply;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentFailureTest extends AgentRunFixture {

    @Test
    void retriesOverloadedAndRateLimitedCallsThenSucceeds() throws Exception {
        h.fake.enqueue(
                Reply.error(529, "overloaded_error", "Overloaded"),
                Reply.streamError("overloaded_error", "Overloaded"),
                Reply.error(429, "rate_limit_error", "slow down").header("retry-after", "0"),
                Reply.text("finally").usage(3, 4));

        int code = h.run(AgentHarness.start("hello", null));

        assertThat(code).isEqualTo(Agent.OK);
        assertThat(h.fake.requests()).hasSize(4);
        assertThat(h.messages()).containsExactly("finally");
        assertThat(h.result().usage()).isEqualTo(new Usage(3, 4, 0, 0));
    }

    @Test
    void aNonRetryableErrorFailsTheRunWithTheApiMessage() throws Exception {
        h.fake.enqueue(Reply.error(400, "invalid_request_error", "prompt is too long: 250000 tokens > 200000 maximum"));

        int code = h.run(AgentHarness.start("hello", null));

        assertThat(code).isEqualTo(Agent.RUN_FAILED);
        assertThat(h.fake.requests()).hasSize(1);
        AgentOutput.Result result = h.result();
        assertThat(result.ok()).isFalse();
        assertThat(result.runId()).isEqualTo("run-1");
        assertThat(result.sessionId()).isNotNull();
        assertThat(result.error()).contains("400").contains("invalid_request_error").contains("prompt is too long");
        assertThat(h.outputs()).contains(new AgentOutput.Typing(false));
        assertThat(h.messages()).isEmpty();
    }

    @Test
    void givesUpAfterFiveAttempts() throws Exception {
        h.fake.respondWith(r -> Reply.error(500, "api_error", "Internal server error"));

        int code = h.run(AgentHarness.start("hello", null));

        assertThat(code).isEqualTo(Agent.RUN_FAILED);
        assertThat(h.fake.requests()).hasSize(5);
        assertThat(h.result().error()).contains("500").contains("Internal server error");
    }

    @Test
    void reportsUsageOfEarlierTurnsWhenALaterCallFails() throws Exception {
        h.fake.enqueue(Reply.toolUse("Bash", Map.of("command", "true")).usage(10, 2),
                Reply.error(401, "authentication_error", "invalid x-api-key"));

        h.run(AgentHarness.start("hello", null));

        assertThat(h.result().usage()).isEqualTo(new Usage(10, 2, 0, 0));
        assertThat(h.result().error()).contains("invalid x-api-key");
    }

    @Test
    void stopsAtTheTurnLimit() throws Exception {
        h.extraEnv.put("PINCER_MAX_TURNS", "2");
        h.fake.respondWith(r -> Reply.toolUse("Bash", Map.of("command", "true")));

        int code = h.run(AgentHarness.start("loop forever", null));

        assertThat(code).isEqualTo(Agent.RUN_FAILED);
        assertThat(h.fake.requests()).hasSize(2);
        assertThat(h.messages()).singleElement().asString().contains("2 steps");
        assertThat(h.result().error()).contains("max turns (2)");
        assertThat(h.result().sessionId()).isNotNull();
    }

    @Test
    void anUnreachableApiFailsTheRunAfterRetries() throws Exception {
        h.fake.close();
        h.extraEnv.put("PINCER_LLM_BASE_URL", "http://127.0.0.1:1");

        int code = h.run(AgentHarness.start("hello", null));

        assertThat(code).isEqualTo(Agent.RUN_FAILED);
        assertThat(h.result().error()).contains("cannot reach http://127.0.0.1:1/v1/messages");
    }

    @Test
    void anUnsupportedProviderFailsTheRun() throws Exception {
        int code = h.run(new AgentInput.Start("run-9", "hi", null, new AgentInput.Group("main", "web:main", true),
                new AgentInput.Setup("Andy", "gemini", "gpt-x")));

        assertThat(code).isEqualTo(Agent.RUN_FAILED);
        assertThat(h.result().runId()).isEqualTo("run-9");
        assertThat(h.result().error()).contains("gemini").contains("anthropic or openai");
        assertThat(h.fake.requests()).isEmpty();
    }

    @Test
    void missingOutputFolderIsAStartupFailure() throws Exception {
        Files.delete(h.output);

        assertThat(h.run(AgentHarness.start("hello", null))).isEqualTo(Agent.STARTUP_FAILED);
    }

    @Test
    void aCloseBeforeTheStartEndsQuietly() throws Exception {
        dev.pincer.protocol.IpcFiles.write(h.input, new AgentInput.Close());
        var env = h.env();

        assertThat(new Agent(AgentConfig.fromEnv(env), env).run()).isEqualTo(Agent.OK);
        assertThat(h.outputs()).isEmpty();
    }
}
