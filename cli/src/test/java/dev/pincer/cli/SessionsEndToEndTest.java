package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions end to end: {@code /reset} in the chat starts a new session without running an agent. */
class SessionsEndToEndTest {

    @TempDir Path home;

    @Test
    void resetAnswersWithoutAModelCallAndTheNextMessageStartsANewSession() throws Exception {
        try (Harness h = new Harness(home)) {
            h.start();
            h.model.enqueue(Reply.text("Nice to meet you, Sam."), Reply.text("Hello, stranger."));

            long first = h.post("main", "My name is Sam-4711");
            assertThat(h.awaitReply("main", first, Duration.ofSeconds(90)).get("text").asText()).isEqualTo("Nice to meet you, Sam.");
            assertThat(h.model.requests()).hasSize(1);

            long reset = h.post("main", "  /RESET ");
            JsonNode reply = h.awaitReply("main", reset, Duration.ofSeconds(30));
            assertThat(reply.get("text").asText()).isEqualTo("Started a new session.");
            assertThat(h.model.requests()).as("no model request for /reset").hasSize(1);

            long next = h.post("main", "Who am I?");
            assertThat(h.awaitReply("main", next, Duration.ofSeconds(90)).get("text").asText()).isEqualTo("Hello, stranger.");
            List<RecordedRequest> requests = h.model.requests();
            assertThat(requests).hasSize(2);
            RecordedRequest fresh = requests.get(1);
            assertThat(fresh.messages()).as("only the new message: a new session").hasSize(1);
            assertThat(fresh.lastUserText()).contains("Who am I?").doesNotContain("Sam-4711").doesNotContainIgnoringCase("/reset");
        }
    }
}
