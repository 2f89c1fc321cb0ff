package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.testkit.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed run is never silent: for a model that answers 500, 429, 401, or stalls its stream, the
 * chat gets one clear message each time, the owner's main chat gets the details, and Pincer keeps
 * serving the other groups meanwhile. Real sandboxes, real agent, fake model.
 */
class FailuresEndToEndTest {

    @TempDir Path home;

    private static JsonNode say(Harness h, String chat, String text) throws Exception {
        long seq = h.post(chat, text);
        return h.awaitReply(chat, seq, Duration.ofSeconds(90));
    }

    @Test
    void eachKindOfModelFailureIsToldInTheChatAndOtherGroupsAreStillServed() throws Exception {
        try (Harness h = new Harness(home).set("PINCER_RETRY_BASE_MS", "20").set("PINCER_STREAM_STALL_SECONDS", "1")
                .set("PINCER_IDLE_TIMEOUT", "0").start()) {
            h.registerGroup("family", "family");

            h.model.respondWith(r -> Reply.error(500, "api_error", "Internal server error"));
            assertThat(say(h, "family", "@Andy what's the weather?").get("text").asText())
                    .startsWith("I could not answer.").contains("server");

            h.model.respondWith(r -> Reply.error(429, "rate_limit_error", "Too many requests").header("retry-after", "0"));
            assertThat(say(h, "family", "@Andy and now?").get("text").asText())
                    .startsWith("I could not answer.").containsIgnoringCase("rate");

            h.model.respondWith(r -> Reply.error(401, "authentication_error", "invalid x-api-key"));
            String auth = say(h, "family", "@Andy hello?").get("text").asText();
            assertThat(auth).startsWith("I could not answer.").contains("401").contains("ANTHROPIC_API_KEY");

            h.model.respondWith(r -> Reply.text("never finished").stall());
            assertThat(say(h, "family", "@Andy still there?").get("text").asText())
                    .startsWith("I could not answer.").contains("stopped sending");

            // the owner is told the details in main, and main itself is still answered
            h.model.respondWith(r -> Reply.text("Main is fine."));
            List<String> mainTexts = h.messages("main", 0, 0).stream().filter(m -> m.get("fromAssistant").asBoolean())
                    .map(m -> m.get("text").asText()).toList();
            assertThat(mainTexts).anySatisfy(t -> assertThat(t).startsWith("A run in family (family) failed:").contains("401"));
            assertThat(say(h, "main", "are you ok?").get("text").asText()).isEqualTo("Main is fine.");

            // the next message is answered, and the failed ones it brings along as context are in it once
            h.model.respondWith(r -> Reply.text("Back."));
            assertThat(say(h, "family", "@Andy back?").get("text").asText()).isEqualTo("Back.");
            String prompt = h.model.lastRequest().messages().toString();
            assertThat(prompt).containsOnlyOnce("still there?").containsOnlyOnce("back?");
        }
    }
}
