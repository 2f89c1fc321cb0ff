package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "@Andy remind me in 2 seconds": the model schedules a {@code once} task through the host tool,
 * the scheduler fires it, the group's agent answers it, and the reminder reaches the chat. The
 * lateness is printed, not asserted tightly (shared, noisy machines).
 */
class ReminderEndToEndTest {

    @TempDir Path home;

    @Test
    void aReminderScheduledByTheAgentArrivesInTheChat() throws Exception {
        AtomicReference<Instant> due = new AtomicReference<>();
        try (Harness h = new Harness(home).start()) {
            h.registerGroup("family", "family");
            h.model.respondWith(r -> reply(r, due));

            long asked = h.post("family", "@Andy remind me in 2 seconds to stretch");
            JsonNode ack = h.awaitReply("family", asked, Duration.ofSeconds(60));
            assertThat(ack.get("text").asText()).isEqualTo("I will remind you.");
            assertThat(h.pincer.tasks().list(java.util.Optional.of("family"))).hasSize(1)
                    .allSatisfy(t -> assertThat(t.spec().scheduleType()).isEqualTo("once"));

            JsonNode reminder = h.awaitReply("family", ack.get("seq").asLong(), Duration.ofSeconds(60));
            Instant arrived = Instant.parse(reminder.get("time").asText());
            assertThat(reminder.get("text").asText()).isEqualTo("Time to stretch!");
            long latenessMs = Duration.between(due.get(), arrived).toMillis();
            System.out.printf("reminder lateness: %d ms after its due time%n", latenessMs);
            assertThat(latenessMs).as("arrives after it is due, and not absurdly late").isBetween(0L, 30_000L);

            var task = h.pincer.tasks().list(java.util.Optional.of("family")).get(0);
            assertThat(task.status()).isEqualTo("done");
            // The run is recorded when the agent's result is applied, a moment after the reply was delivered.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> !h.pincer.tasks().runs(task.id(), 5).get(0).status().equals("running"));
            assertThat(h.pincer.tasks().runs(task.id(), 5)).hasSize(1)
                    .allSatisfy(run -> assertThat(run.status()).isEqualTo("ok"));
        }
    }

    /** The fake model: schedules on the request, acknowledges, then answers the task when it is due. */
    private static Reply reply(RecordedRequest r, AtomicReference<Instant> due) {
        String last = r.lastUserText();
        if (last.contains("<scheduled_task")) {
            return Reply.text("Time to stretch!");
        }
        if (!r.toolResults().isEmpty()) {
            assertThat(r.toolResults().get(0).isError()).as(r.toolResults().get(0).content()).isFalse();
            return Reply.text("I will remind you.");
        }
        LocalDateTime at = LocalDateTime.now(ZoneOffset.UTC).plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        due.set(at.toInstant(ZoneOffset.UTC));
        return Reply.toolUses("", List.of(new Reply.ToolCall("schedule_task", Map.of(
                "prompt", "Remind them to stretch", "schedule_type", "once",
                "schedule_value", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(at), "context_mode", "group"))));
    }
}
