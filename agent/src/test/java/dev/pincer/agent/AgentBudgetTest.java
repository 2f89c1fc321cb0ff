package dev.pincer.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.protocol.AgentOutput;
import dev.pincer.protocol.RunFailure;
import dev.pincer.protocol.Usage;
import dev.pincer.testkit.Reply;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run stops cleanly once it has used its token budget ({@code PINCER_MAX_RUN_TOKENS}). */
class AgentBudgetTest extends AgentRunFixture {

    @Test
    void aTurnOverTheDefaultBudgetEndsTheRunWithAToolBudgetFailure() throws Exception {
        h.fake.respondWith(r -> Reply.toolUse("Bash", Map.of("command", "echo step")).usage(1_200_000, 700_000, 150_000, 0));

        int code = h.run(AgentHarness.start("work forever", null));

        assertThat(code).isEqualTo(Agent.RUN_FAILED);
        assertThat(h.fake.requests()).as("no model call after the budget is spent").hasSize(1);
        assertThat(h.messages()).as("the host tells the chat, from the failure").isEmpty();
        AgentOutput.Result result = h.result();
        assertThat(result.ok()).isFalse();
        assertThat(result.error()).isEqualTo("token budget reached: 2050000 of 2000000 tokens used");
        assertThat(result.failure()).isEqualTo(new RunFailure(RunFailure.Kind.TOOL_BUDGET,
                "I stopped without finishing: this answer used 2050000 tokens, its budget is 2000000.",
                "Ask me to continue, or raise PINCER_MAX_RUN_TOKENS.", "token budget reached: 2050000 of 2000000 tokens used"));
        assertThat(result.usage()).isEqualTo(new Usage(1_200_000, 700_000, 150_000, 0));
        assertThat(h.outputs().get(h.outputs().size() - 2)).isEqualTo(new AgentOutput.Typing(false));
    }

    @Test
    void theBudgetCountsEveryTurnOfTheRunAndTheSessionStaysUsable() throws Exception {
        h.extraEnv.put("PINCER_MAX_RUN_TOKENS", "1000");
        h.fake.respondWith(r -> Reply.toolUse("Bash", Map.of("command", "true")).usage(300, 100));

        h.run(AgentHarness.start("loop", null));

        assertThat(h.fake.requests()).as("400 + 400 + 400 tokens: the third turn crosses 1000").hasSize(3);
        assertThat(h.result().error()).contains("1200 of 1000");
        String sessionId = h.result().sessionId();
        h.takeOutputs();

        // The stopped session resumes: its last tool calls were answered, so the API accepts it.
        h.fake.respondWith(r -> Reply.text("resumed"));
        h.extraEnv.remove("PINCER_MAX_RUN_TOKENS");
        assertThat(h.run(AgentHarness.start("go on", sessionId))).isEqualTo(Agent.OK);
        var last = h.fake.lastRequest();
        assertThat(last.messages()).hasSize(7);
        assertThat(last.toolResults()).hasSize(1);
        assertThat(last.lastUserText()).endsWith("go on");
        assertThat(h.messages()).containsExactly("resumed");
    }

    @Test
    void aRunUnderTheBudgetIsNotAffected() throws Exception {
        h.extraEnv.put("PINCER_MAX_RUN_TOKENS", "1000");
        h.fake.enqueue(Reply.toolUse("Bash", Map.of("command", "true")).usage(400, 100), Reply.text("done").usage(400, 99));

        assertThat(h.run(AgentHarness.start("hi", null))).isEqualTo(Agent.OK);
        assertThat(h.result().ok()).isTrue();
    }

    @Test
    void theBudgetIsConfigurable() {
        Map<String, String> env = new HashMap<>(h.env());
        assertThat(AgentConfig.fromEnv(env).limits().maxRunTokens()).isEqualTo(2_000_000);

        env.put("PINCER_MAX_RUN_TOKENS", "50000");
        assertThat(AgentConfig.fromEnv(env).limits().maxRunTokens()).isEqualTo(50_000);

        env.put("PINCER_MAX_RUN_TOKENS", "lots");
        assertThatThrownBy(() -> AgentConfig.fromEnv(env)).hasMessageContaining("PINCER_MAX_RUN_TOKENS must be an integer");
    }
}
