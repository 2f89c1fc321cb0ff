package dev.pincer.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunFailureTest {

    @Test
    void aFailedResultCarriesItsFailureOnTheWire() throws Exception {
        var failure = new RunFailure(RunFailure.Kind.RATE_LIMITED, "The model API kept refusing: rate limit (HTTP 429).",
                "Wait a minute and try again.", "Anthropic API HTTP 429 rate_limit_error: slow down");
        var result = AgentOutput.Result.failed("r1", "s1", failure, new Usage(1, 2, 0, 0));

        String json = Json.MAPPER.writerFor(AgentOutput.class).writeValueAsString(result);

        assertThat(json).contains("\"type\":\"result\"").contains("\"status\":\"error\"")
                .contains("\"error\":\"Anthropic API HTTP 429 rate_limit_error: slow down\"")
                .contains("\"failure\":{\"kind\":\"rate_limited\",\"message\":\"The model API kept refusing");
        assertThat(Json.MAPPER.readValue(json, AgentOutput.class)).isEqualTo(result);
    }

    @Test
    void aResultWithoutFailureReadsAsBefore() throws Exception {
        String old = "{\"type\":\"result\",\"runId\":\"r1\",\"status\":\"ok\",\"sessionId\":\"s\","
                + "\"usage\":{\"inputTokens\":1,\"outputTokens\":2,\"cacheReadTokens\":0,\"cacheWriteTokens\":0}}";

        AgentOutput out = Json.MAPPER.readValue(old, AgentOutput.class);

        assertThat(out).isEqualTo(new AgentOutput.Result("r1", "ok", "s", null, new Usage(1, 2, 0, 0)));
        assertThat(Json.MAPPER.writerFor(AgentOutput.class).writeValueAsString(out)).doesNotContain("failure");
    }

    @Test
    void anUnknownKindFromANewerAgentReadsAsInternal() throws Exception {
        String json = "{\"type\":\"result\",\"runId\":\"r1\",\"status\":\"error\",\"error\":\"x\","
                + "\"failure\":{\"kind\":\"solar_flare\",\"message\":\"Something new.\"}}";

        var r = (AgentOutput.Result) Json.MAPPER.readValue(json, AgentOutput.class);

        assertThat(r.failure().kind()).isEqualTo(RunFailure.Kind.INTERNAL);
        assertThat(r.failure().message()).isEqualTo("Something new.");
        assertThat(r.withRunId("r2").failure()).isEqualTo(r.failure());
    }
}
