package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.host.store.RunLedger;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trigger rules, context, concurrency and restarts, through the web API and real sandboxes. */
class GroupsEndToEndTest {

    @TempDir Path home;

    @Test
    void aNonMainGroupWaitsForItsTriggerAndGetsTheEarlierMessagesAsContext() throws Exception {
        try (Harness h = new Harness(home).start()) {
            h.registerGroup("family", "family");
            h.model.respondWith(r -> Reply.text("Pizza it is."));

            h.post("family", "what should we eat tonight?");
            h.post("family", "I vote for pizza");
            Thread.sleep(1500);
            assertThat(h.model.requests()).as("untriggered messages start no run").isEmpty();
            assertThat(h.pincer.recentRuns()).isEmpty();

            long seq = h.post("family", "@Andy decide for us");
            JsonNode reply = h.awaitReply("family", seq, Duration.ofSeconds(60));
            assertThat(reply.get("text").asText()).isEqualTo("Pizza it is.");

            RecordedRequest request = h.model.requests().get(0);
            assertThat(request.lastUserText())
                    .contains("what should we eat tonight?").contains("I vote for pizza").contains("@Andy decide for us");
            assertThat(home.resolve("groups/family/CLAUDE.md")).exists();

            // The next trigger gets only what is new since the answered ones.
            long next = h.post("family", "@Andy and dessert?");
            h.awaitReply("family", next, Duration.ofSeconds(60));
            String second = h.model.requests().get(h.model.requests().size() - 1).lastUserText();
            assertThat(second).contains("and dessert?").doesNotContain("I vote for pizza");
        }
    }

    @Test
    void twoGroupsRunConcurrently() throws Exception {
        List<RunLedger.Run> runs = runTwoGroups(home, 5);
        assertThat(overlap(runs.get(0), runs.get(1))).as("runs overlap: %s", runs).isTrue();
    }

    @Test
    void withOneAgentSlotGroupsRunOneAfterTheOther(@TempDir Path other) throws Exception {
        List<RunLedger.Run> runs = runTwoGroups(other, 1);
        assertThat(overlap(runs.get(0), runs.get(1))).as("runs do not overlap: %s", runs).isFalse();
    }

    private static List<RunLedger.Run> runTwoGroups(Path home, int maxAgents) throws Exception {
        try (Harness h = new Harness(home).set("PINCER_MAX_AGENTS", String.valueOf(maxAgents)).start()) {
            h.registerGroup("work", "work");
            h.model.respondWith(r -> Reply.text("done").delayMillis(2000));
            long a = h.post("main", "first job");
            long b = h.post("work", "@Andy second job");
            h.awaitReply("main", a, Duration.ofSeconds(60));
            h.awaitReply("work", b, Duration.ofSeconds(60));
            // The reply can be delivered a moment before the run's result is applied.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> h.pincer.recentRuns().stream().noneMatch(r -> r.outcome().status().equals(RunLedger.RUNNING)));
            List<RunLedger.Run> runs = h.pincer.recentRuns();
            assertThat(runs).hasSize(2).allSatisfy(r -> assertThat(r.outcome().status()).isEqualTo("ok"));
            return runs;
        }
    }

    private static boolean overlap(RunLedger.Run x, RunLedger.Run y) {
        return x.span().startedAt().isBefore(y.span().endedAt()) && y.span().startedAt().isBefore(x.span().endedAt());
    }

    @Test
    void restartKeepsMessagesGroupsAndTheSession() throws Exception {
        try (Harness h = new Harness(home)) {
            h.start();
            h.registerGroup("family", "family");
            h.model.enqueue(Reply.text("Noted: 42."));
            long first = h.post("main", "remember the number 42");
            h.awaitReply("main", first, Duration.ofSeconds(60));
            h.stop();

            h.start();
            List<JsonNode> history = h.messages("main", 0, 0);
            assertThat(history).extracting(m -> m.get("text").asText())
                    .containsExactly("remember the number 42", "Noted: 42.");
            String groups = h.call("GET", "/api/groups", null).body();
            assertThat(groups).contains("\"folder\":\"family\"").contains("\"folder\":\"main\"");

            h.model.enqueue(Reply.text("It was 42."));
            long second = h.post("main", "which number?");
            assertThat(h.awaitReply("main", second, Duration.ofSeconds(60)).get("text").asText()).isEqualTo("It was 42.");

            RecordedRequest resumed = h.model.requests().get(h.model.requests().size() - 1);
            assertThat(resumed.messages()).as("the transcript of the first run is resumed").hasSizeGreaterThanOrEqualTo(3);
            assertThat(resumed.messages().get(0).toString()).contains("remember the number 42");
            assertThat(resumed.messages().get(1).toString()).contains("Noted: 42.");
        }
    }
}
