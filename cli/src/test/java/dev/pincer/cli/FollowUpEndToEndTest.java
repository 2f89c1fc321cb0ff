package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.host.store.RunLedger;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follow-ups end to end: a message sent while the group's agent is busy goes into the same
 * sandbox; after answering, the sandbox stays warm for PINCER_IDLE_TIMEOUT, then ends.
 */
class FollowUpEndToEndTest {

    @TempDir Path home;

    /** One log file per sandbox started for the group. */
    private long sandboxesStarted(String folder) throws IOException {
        try (var files = Files.list(home.resolve("logs/runs").resolve(folder))) {
            return files.count();
        }
    }

    private static List<String> assistantTexts(Harness h, String chat) throws Exception {
        return h.messages(chat, 0, 0).stream().filter(m -> m.get("fromAssistant").asBoolean())
                .map(m -> m.get("text").asText()).toList();
    }

    @Test
    void aMessageWhileTheAgentIsBusyReachesTheSameSandboxWhichLaterIdlesOut() throws Exception {
        try (Harness h = new Harness(home).set("PINCER_IDLE_TIMEOUT", "3").start()) {
            h.model.respondWith(r -> {
                String asked = r.lastUserText();
                if (asked.contains("first question")) {
                    return Reply.text("Answer one.").delayMillis(2000);
                }
                return Reply.text("Answer to " + (asked.contains("second question") ? "two" : asked.contains("third") ? "three" : "four") + ".");
            });

            h.post("main", "first question");
            h.model.awaitRequests(1, Duration.ofSeconds(60)); // the agent is now waiting for the slow model
            h.post("main", "second question");
            await().atMost(Duration.ofSeconds(60)).until(() -> assistantTexts(h, "main").size() == 2);

            assertThat(assistantTexts(h, "main")).containsExactly("Answer one.", "Answer to two.");
            List<RecordedRequest> requests = h.model.requests();
            assertThat(requests).hasSize(2);
            RecordedRequest second = requests.get(1);
            assertThat(second.lastUserText()).contains("second question").doesNotContain("first question");
            assertThat(second.messages()).as("the same conversation: first prompt, first answer, follow-up").hasSize(3);
            assertThat(sandboxesStarted("main")).as("no second sandbox").isEqualTo(1);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> h.pincer.recentRuns().stream().noneMatch(r -> r.outcome().status().equals(RunLedger.RUNNING)));
            assertThat(h.pincer.recentRuns()).hasSize(2).allSatisfy(r -> assertThat(r.outcome().status()).isEqualTo("ok"));

            // Warm: the next message is a new turn in the same sandbox, and it holds no agent slot meanwhile.
            await().atMost(Duration.ofSeconds(10)).until(() -> warm(h).contains("main"));
            assertThat(active(h)).isEmpty();
            h.post("main", "third question");
            await().atMost(Duration.ofSeconds(60)).until(() -> assistantTexts(h, "main").size() == 3);
            assertThat(assistantTexts(h, "main").get(2)).isEqualTo("Answer to three.");
            assertThat(sandboxesStarted("main")).isEqualTo(1);

            // Idle for PINCER_IDLE_TIMEOUT: the sandbox ends; the next message starts a new one, resuming the session.
            long idleFrom = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> warm(h).isEmpty() && live(h).isEmpty());
            long idleMillis = (System.nanoTime() - idleFrom) / 1_000_000;
            System.out.println("warm sandbox ended after " + idleMillis + " ms idle (PINCER_IDLE_TIMEOUT=3)");
            assertThat(idleMillis).isGreaterThan(1500);

            h.post("main", "fourth question");
            await().atMost(Duration.ofSeconds(60)).until(() -> assistantTexts(h, "main").size() == 4);
            assertThat(sandboxesStarted("main")).isEqualTo(2);
            assertThat(h.model.lastRequest().messages()).as("the session resumed").hasSizeGreaterThanOrEqualTo(7);
        }
    }

    @Test
    void aWaitingGroupClosesTheWarmSandboxOfAnother() throws Exception {
        try (Harness h = new Harness(home).set("PINCER_MAX_AGENTS", "1").set("PINCER_IDLE_TIMEOUT", "300").start()) {
            h.registerGroup("family", "family");
            h.model.respondWith(r -> Reply.text("ok"));
            long a = h.post("main", "hello");
            h.awaitReply("main", a, Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(10)).until(() -> warm(h).contains("main"));

            long b = h.post("family", "@Andy hello");
            JsonNode reply = h.awaitReply("family", b, Duration.ofSeconds(60));
            assertThat(reply.get("text").asText()).isEqualTo("ok");
            await().atMost(Duration.ofSeconds(20)).until(() -> !live(h).contains("main"));
            // the reply is visible a moment before the sandbox reports itself idle
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(warm(h)).containsExactly("family"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Collection<String> warm(Harness h) {
        return (Collection<String>) h.pincer.status().get("warmGroups");
    }

    @SuppressWarnings("unchecked")
    private static Collection<String> active(Harness h) {
        return (Collection<String>) h.pincer.status().get("activeRuns");
    }

    @SuppressWarnings("unchecked")
    private static Collection<String> live(Harness h) {
        return (Collection<String>) h.pincer.status().get("liveSandboxes");
    }
}
