package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.host.store.AuditLog;
import dev.pincer.host.store.RunLedger;
import dev.pincer.protocol.Json;
import dev.pincer.protocol.Usage;
import dev.pincer.testkit.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sandboxed agent spends its group's daily tokens: the host's proxy refuses its next model
 * call, the agent ends the run with that error (no retries), the chat is told, and the main group
 * hears once that day, also across a restart.
 */
class BudgetEndToEndTest {

    @TempDir Path home;

    @Test
    void aGroupOverItsDailyTokenBudgetIsStoppedAndToldAndMainHearsOnce() throws Exception {
        try (Harness h = new Harness(home)) {
            h.set("PINCER_DAILY_TOKENS", "1000").start();
            h.registerGroup("family", "family");
            // the first call spends 1,100 tokens and asks for a tool; the call after the tool is refused
            h.model.enqueue(Reply.toolUse("Bash", Map.of("command", "true")).usage(900, 150, 30, 20),
                    Reply.text("never sent: the proxy refuses this call"));

            long seq = h.post("family", "@Andy please do something long");
            JsonNode told = h.awaitReply("family", seq, Duration.ofSeconds(90));
            assertThat(told.get("text").asText()).startsWith("I had to stop: today's token budget for this chat is used up"
                    + " (1,100 of 1,000 tokens)").endsWith("(PINCER_DAILY_TOKENS).");
            assertThat(h.model.requests()).as("the refused call never reached the provider").hasSize(1);

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !h.pincer.recentRuns().get(0).status().equals("running"));
            RunLedger.Run run = h.pincer.recentRuns().get(0);
            assertThat(run.status()).isEqualTo("error");
            assertThat(run.error()).contains("429 budget_exceeded").contains("PINCER_DAILY_TOKENS");
            assertThat(budgetRefusals(h)).as("the agent did not retry the refusal").hasSize(1);
            // what the host counted from the provider's response, for this run and for the day
            assertThat(h.pincer.usage().run(run.id()).calls()).isEqualTo(1);
            assertThat(h.pincer.usage().run(run.id()).usage()).isEqualTo(new Usage(900, 150, 30, 20));
            JsonNode today = Json.MAPPER.readTree(h.call("GET", "/api/status", null).body()).path("usageToday");
            assertThat(today.path("family").path("calls").asLong()).isEqualTo(1);
            assertThat(today.path("family").path("usage").path("inputTokens").asLong()).isEqualTo(900);

            JsonNode notice = h.awaitReply("main", 0, Duration.ofSeconds(30));
            assertThat(notice.get("text").asText()).contains("group family was stopped").contains("PINCER_DAILY_TOKENS");

            // the next message: refused at once and told again; main is not told twice, not even after a restart
            h.stop();
            h.start();
            long seq2 = h.post("family", "@Andy and now?");
            assertThat(h.awaitReply("family", seq2, Duration.ofSeconds(90)).get("text").asText())
                    .startsWith("I had to stop: today's token budget");
            assertThat(h.model.requests()).hasSize(1);
            assertThat(assistantMessages(h, "main")).hasSize(1);
            assertThat(budgetRefusals(h)).hasSize(2);
        }
    }

    @Test
    void aBatchFedIntoAWarmSandboxIsARunWithItsOwnBudget() throws Exception {
        try (Harness h = new Harness(home)) {
            h.set("PINCER_MAX_TURNS", "1").set("PINCER_IDLE_TIMEOUT", "60").start();
            h.model.respondWith(r -> Reply.text(r.lastUserText().contains("second") ? "Answer two." : "Answer one."));

            long seq = h.post("main", "first question");
            assertThat(h.awaitReply("main", seq, Duration.ofSeconds(90)).get("text").asText()).isEqualTo("Answer one.");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> h.pincer.status().get("warmGroups").toString()
                    .contains("main"));
            // fed into the same sandbox: with one model call per run, only a new run's budget lets it through
            long seq2 = h.post("main", "second question");
            assertThat(h.awaitReply("main", seq2, Duration.ofSeconds(90)).get("text").asText()).isEqualTo("Answer two.");
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> h.pincer.recentRuns().stream().noneMatch(r -> r.status().equals(RunLedger.RUNNING)));
            List<RunLedger.Run> runs = h.pincer.recentRuns();
            assertThat(runs).hasSize(2).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo("ok");
                assertThat(h.pincer.usage().run(r.id()).calls()).as("model calls counted for run " + r.id()).isEqualTo(1);
            });
            assertThat(budgetRefusals(h)).isEmpty();
            try (var logs = java.nio.file.Files.list(home.resolve("logs/runs/main"))) {
                assertThat(logs.count()).as("one sandbox for both runs").isEqualTo(1);
            }
        }
    }

    private static List<AuditLog.Entry> budgetRefusals(Harness h) {
        return h.pincer.audit().recent(100).stream()
                .filter(e -> e.kind().equals("egress") && e.verdict().equals("denied") && e.detail().contains("budget exceeded"))
                .toList();
    }

    private static List<JsonNode> assistantMessages(Harness h, String chat) throws Exception {
        return h.messages(chat, 0, 0).stream().filter(m -> m.get("fromAssistant").asBoolean()).toList();
    }
}
