package dev.pincer.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.protocol.AgentInput;
import dev.pincer.protocol.AgentOutput;
import dev.pincer.protocol.LlmErrors;
import dev.pincer.protocol.RunFailure;
import dev.pincer.protocol.RunFailure.Kind;
import dev.pincer.protocol.Usage;
import dev.pincer.testkit.Reply;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every way a run fails ends it with exactly one error result that says, classified, why. */
class AgentFailureTest extends AgentRunFixture {

    /** The run's one result, which must be a failure of {@code kind}. */
    private RunFailure failure(Kind kind) throws Exception {
        assertThat(h.outputs().stream().filter(o -> o instanceof AgentOutput.Result)).as("results").hasSize(1);
        AgentOutput.Result result = h.result();
        assertThat(result.ok()).isFalse();
        assertThat(result.failure()).isNotNull();
        assertThat(result.failure().kind()).isEqualTo(kind);
        assertThat(result.error()).isEqualTo(result.failure().detail());
        assertThat(h.outputs().get(h.outputs().size() - 2)).isEqualTo(new AgentOutput.Typing(false));
        return result.failure();
    }

    /**
     * Runs {@code prompt}; the agent must exit with RUN_FAILED after exactly {@code requests} model requests, with one
     * failure of {@code kind}, which is returned.
     */
    private RunFailure runFailing(String prompt, Kind kind, int requests) throws Exception {
        int code = h.run(AgentHarness.start(prompt, null));
        assertThat(code).as("exit code").isEqualTo(Agent.RUN_FAILED);
        assertThat(h.fake.requests()).as("model requests").hasSize(requests);
        return failure(kind);
    }

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
        assertThat(h.result().failure()).isNull();
    }

    @Test
    void aBadRequestFailsAtOnceWithTheApiMessage() throws Exception {
        h.fake.enqueue(Reply.error(400, "invalid_request_error", "prompt is too long: 250000 tokens > 200000 maximum"));

        RunFailure f = runFailing("hello", Kind.BAD_REQUEST, 1);

        assertThat(f.message()).isEqualTo("The model API rejected the request (HTTP 400): prompt is too long: 250000 tokens > 200000 maximum.");
        assertThat(f.fix()).contains("/reset");
        assertThat(f.detail()).contains("400").contains("invalid_request_error").contains("prompt is too long");
        assertThat(h.result().runId()).isEqualTo("run-1");
        assertThat(h.result().sessionId()).isNotNull();
        assertThat(h.messages()).isEmpty();
    }

    @Test
    void persistentServerErrorsAreAModelErrorAfterFiveAttempts() throws Exception {
        h.fake.respondWith(r -> Reply.error(500, "api_error", "Internal server error"));

        RunFailure f = runFailing("hello", Kind.MODEL_ERROR, 5);

        assertThat(f.message()).contains("HTTP 500").contains("Internal server error");
        assertThat(f.detail()).contains("500").contains("Internal server error");
    }

    @Test
    void aRefusedKeyIsAnAuthFailureAtOnceAndKeepsTheUsageOfEarlierTurns() throws Exception {
        h.fake.enqueue(Reply.toolUse("Bash", Map.of("command", "true")).usage(10, 2),
                Reply.error(401, "authentication_error", "invalid x-api-key"));

        RunFailure f = runFailing("hello", Kind.AUTH, 2);  // 401 is not retried

        assertThat(f.message()).isEqualTo("The model API refused the API key (HTTP 401): it is wrong, expired or revoked.");
        assertThat(f.fix()).isEqualTo("Put a valid ANTHROPIC_API_KEY (or CLAUDE_CODE_OAUTH_TOKEN) into .env and restart Pincer.");
        assertThat(f.detail()).contains("invalid x-api-key");
        assertThat(h.result().usage()).isEqualTo(new Usage(10, 2, 0, 0));
    }

    @Test
    void aRateLimitThatDoesNotClearIsRateLimited() throws Exception {
        h.fake.respondWith(r -> Reply.error(429, "rate_limit_error", "slow down").header("retry-after", "0"));

        h.run(AgentHarness.start("hello", null));

        assertThat(h.fake.requests()).hasSize(5);
        assertThat(failure(Kind.RATE_LIMITED).message())
                .isEqualTo("The model API's rate limit was hit (HTTP 429) and did not clear after waiting.");
    }

    @Test
    void theProxysBudgetErrorIsABudgetFailureWithoutRetries() throws Exception {
        h.fake.enqueue(Reply.error(429, "budget_exceeded", "the daily model budget of $5.00 is used up"));

        RunFailure f = runFailing("hello", Kind.BUDGET, 1);

        assertThat(f.message()).isEqualTo("The model budget is used up: the daily model budget of $5.00 is used up.");
    }

    @Test
    void aStreamThatStallsIsCutAndFailsTheRunAsStalled() throws Exception {
        h.extraEnv.put("PINCER_STREAM_STALL_SECONDS", "0.3");
        h.fake.respondWith(r -> Reply.stall());

        long start = System.nanoTime();
        RunFailure f = runFailing("hello", Kind.STALLED, 5);  // stalls are retried

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(f.fix()).contains("PINCER_STREAM_STALL_SECONDS");
        assertThat(f.detail()).contains("stream_stalled").contains("nothing for 0.3 s");
    }

    @Test
    void theStallThresholdIsConfigurable() {
        Map<String, String> env = new HashMap<>(h.env());
        assertThat(AgentConfig.fromEnv(env).network().stall()).isEqualTo(Duration.ofSeconds(90));
        env.put("PINCER_STREAM_STALL_SECONDS", "2.5");
        assertThat(AgentConfig.fromEnv(env).network().stall()).isEqualTo(Duration.ofMillis(2500));
        env.put("PINCER_STREAM_STALL_SECONDS", "0");
        assertThatThrownBy(() -> AgentConfig.fromEnv(env))
                .hasMessage("PINCER_STREAM_STALL_SECONDS must be a number of seconds from 0.1 to 86400, got '0'");
    }

    @Test
    void stopsAtTheTurnLimitWithAToolBudgetFailure() throws Exception {
        h.extraEnv.put("PINCER_MAX_TURNS", "2");
        h.fake.respondWith(r -> Reply.toolUse("Bash", Map.of("command", "true")));

        RunFailure f = runFailing("loop forever", Kind.TOOL_BUDGET, 2);

        assertThat(h.messages()).isEmpty();
        assertThat(f.message()).isEqualTo("I stopped after 2 steps without finishing.");
        assertThat(f.fix()).contains("PINCER_MAX_TURNS");
        assertThat(h.result().error()).contains("max turns (2)");
        assertThat(h.result().sessionId()).isNotNull();
    }

    @Test
    void anUnreachableApiIsModelUnreachableAfterRetries() throws Exception {
        h.fake.close();
        h.extraEnv.put("PINCER_LLM_BASE_URL", "http://127.0.0.1:1");

        RunFailure f = runFailing("hello", Kind.MODEL_UNREACHABLE, 0);

        assertThat(f.fix()).contains("ANTHROPIC_BASE_URL");
        assertThat(f.detail()).contains("cannot reach http://127.0.0.1:1/v1/messages");
    }

    @Test
    void theProxysUnreachableUpstreamIsModelUnreachableNotAProviderError() throws Exception {
        h.fake.respondWith(r -> Reply.error(502, LlmErrors.UPSTREAM_UNREACHABLE,
                "the LLM upstream is unreachable (ConnectException)"));

        RunFailure f = runFailing("hello", Kind.MODEL_UNREACHABLE, 5);  // retried like any 502

        assertThat(f.message()).isEqualTo("Could not reach the model API (HTTP 502).");
        assertThat(f.fix()).contains("ANTHROPIC_BASE_URL");
        assertThat(f.detail()).contains("upstream_unreachable");
    }

    @Test
    void anAnswerTooLargeToReportIsAnInternalFailure() throws Exception {
        h.fake.enqueue(Reply.text("x".repeat(1_100_000)));

        RunFailure f = runFailing("write a lot", Kind.INTERNAL, 1);

        assertThat(f.message()).startsWith("Something went wrong inside the agent: IOException: output would be");
        assertThat(f.fix()).contains("logs/runs/");
    }

    @Test
    void anUnsupportedProviderFailsTheRun() throws Exception {
        int code = h.run(new AgentInput.Start("run-9", "hi", null, new AgentInput.Group("main", "web:main", true),
                new AgentInput.Setup("Andy", "gemini", "gpt-x")));

        assertThat(code).isEqualTo(Agent.RUN_FAILED);
        assertThat(h.result().runId()).isEqualTo("run-9");
        assertThat(failure(Kind.INTERNAL).detail()).contains("gemini").contains("anthropic or openai");
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
