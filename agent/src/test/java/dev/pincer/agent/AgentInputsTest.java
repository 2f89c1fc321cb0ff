package dev.pincer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Follow-up inputs while a run is alive. The Bash calls write them, so timing is deterministic. */
class AgentInputsTest extends AgentRunFixture {

    @Test
    void aFollowUpMessageJoinsTheNextUserTurnAfterTheToolResults() throws Exception {
        h.fake.enqueue(Reply.toolUse("Bash", Map.of("command",
                        h.hostWrites("{\"type\":\"message\",\"text\":\"also: bring snacks\"}", "00000000000000000001-0123456789ab.json")
                                + " && echo noted")),
                Reply.text("Will do."));

        h.run(AgentHarness.start("plan the trip", null));

        RecordedRequest second = h.fake.lastRequest();
        var content = second.messages().getLast().path("content");
        assertThat(content.get(0).path("type").asText()).isEqualTo("tool_result");
        assertThat(content.get(1).path("text").asText()).isEqualTo("also: bring snacks");
        assertThat(h.messages()).containsExactly("Will do.");
        assertThat(h.input).isEmptyDirectory();
    }

    @Test
    void aMessageArrivingDuringTheFinalTurnGetsItsOwnTurn() throws Exception {
        h.fake.enqueue(Reply.toolUse("Bash", Map.of("command", "echo ok")));
        h.fake.respondWith(r -> {
            if (r.messages().size() == 3) {
                try {
                    dev.pincer.protocol.IpcFiles.write(h.input, new dev.pincer.protocol.AgentInput.Message("one more thing"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return Reply.text("First answer.");
            }
            return Reply.text("Answer to: " + r.lastUserText());
        });

        h.run(AgentHarness.start("start", null));

        assertThat(h.messages()).containsExactly("First answer.", "Answer to: one more thing");
        assertThat(h.result().ok()).isTrue();
    }

    @Test
    void aCloseEndsTheRunAfterTheCurrentTurn() throws Exception {
        h.fake.enqueue(Reply.toolUse("Bash", Map.of("command",
                h.hostWrites("{\"type\":\"close\"}", "00000000000000000001-0123456789ab.json"))));

        int code = h.run(AgentHarness.start("long job", null));

        assertThat(code).isEqualTo(Agent.OK);
        assertThat(h.fake.requests()).hasSize(1);
        assertThat(h.result().ok()).isTrue();
        assertThat(h.messages()).isEmpty();
    }
}
