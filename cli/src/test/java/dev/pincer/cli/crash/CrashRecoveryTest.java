package dev.pincer.cli.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly one answer, even across {@code kill -9} of the host: nothing lost, nothing stored twice,
 * nothing answered twice, no prompt repeats a message, and no sandbox outlives its host. Real
 * host processes, real bwrap sandboxes, the real agent; only the model is fake.
 */
class CrashRecoveryTest {

    @TempDir Path home;

    /** {@code M<n>} → how many user messages carry it, and how many answers name it. */
    private record Tally(Map<String, Integer> stored, Map<String, Integer> answered) {}

    private static Tally tally(List<JsonNode> messages) {
        Map<String, Integer> stored = new TreeMap<>();
        Map<String, Integer> answered = new TreeMap<>();
        for (JsonNode m : messages) {
            Map<String, Integer> into = m.get("fromAssistant").asBoolean() ? answered : stored;
            CrashModel.ids(m.get("text").asText()).forEach(id -> into.merge(id, 1, Integer::sum));
        }
        return new Tally(stored, answered);
    }

    private static void assertExactlyOnce(Tally t, int messages) {
        Map<String, Integer> once = new HashMap<>();
        for (int i = 1; i <= messages; i++) {
            once.put("M" + i, 1);
        }
        assertThat(t.stored()).as("every message stored once").isEqualTo(once);
        assertThat(t.answered()).as("every message answered once").isEqualTo(once);
    }

    private static boolean allAnswered(ProcessPincer p, int n) throws Exception {
        return tally(p.messages("family")).answered().size() >= n;
    }

    @Test
    void followUpsAnsweredInABusySandboxAreNotAnsweredAgainAfterAKill() throws Exception {
        try (CrashModel model = new CrashModel(); ProcessPincer p = new ProcessPincer(home, model.fake).start()) {
            p.registerGroupWithoutTrigger("family", "family");
            // M2 and M3 each arrive while the sandbox is busy with the one before
            p.post("family", "M1 SLEEP: 4");
            model.fake.awaitRequests(1, Duration.ofSeconds(60));
            p.post("family", "M2 SLEEP: 4");
            model.fake.awaitRequests(2, Duration.ofSeconds(60));
            p.post("family", "M3 SLEEP: 60");
            model.fake.awaitRequests(3, Duration.ofSeconds(60)); // M1 and M2 are answered, M3 is being thought about
            await().atMost(Duration.ofSeconds(10)).until(() -> tally(p.messages("family")).answered().size() == 2);
            assertThat(model.asked(0)).containsExactly("M1");
            assertThat(model.asked(1)).containsExactly("M2");

            p.kill9();
            int before = model.fake.requests().size();
            p.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> allAnswered(p, 3));

            assertThat(model.asked(before)).as("after the restart the model is asked only what was not answered")
                    .containsExactly("M3");
            assertExactlyOnce(tally(p.messages("family")), 3);
            assertThat(model.repeatedInOnePrompt()).isEmpty();
            p.stop();
            p.assertNoSandboxLeft();
            p.assertNoCgroupLeft();
        }
    }

    @Test
    void aKillAtEachPointOfARunLosesNothingAndAnswersOnce() throws Exception {
        try (CrashModel model = new CrashModel(); ProcessPincer p = new ProcessPincer(home, model.fake).start()) {
            p.registerGroupWithoutTrigger("family", "family");
            int n = 0;

            // 1. the message is stored, nothing else happened yet
            p.post("family", "M" + (++n));
            p.kill9();
            p.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> allAnswered(p, 1));

            // 2. the sandbox runs and the model is thinking
            int requests = model.fake.requests().size();
            p.post("family", "M" + (++n) + " SLEEP: 20");
            model.fake.awaitRequests(requests + 1, Duration.ofSeconds(60));
            p.kill9();
            p.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> allAnswered(p, 2));

            // 3. the model has answered; the agent is writing its output
            requests = model.fake.requests().size();
            p.post("family", "M" + (++n) + " SLEEP: 1");
            model.fake.awaitRequests(requests + 1, Duration.ofSeconds(60));
            Thread.sleep(1000);
            p.kill9();
            p.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> allAnswered(p, 3));

            // 4. the reply is delivered
            p.post("family", "M" + (++n));
            await().atMost(Duration.ofSeconds(60)).until(() -> allAnswered(p, 4));
            p.kill9();
            p.start();
            p.post("family", "M" + (++n));
            await().atMost(Duration.ofSeconds(60)).until(() -> allAnswered(p, 5));

            assertExactlyOnce(tally(p.messages("family")), n);
            assertThat(model.repeatedInOnePrompt()).isEmpty();
            p.stop();
            p.assertNoSandboxLeft();
            p.assertNoCgroupLeft();
        }
    }

    @Test
    void randomKillsWithFollowUpsIntoBusySandboxes() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int kills = 0;
        int posted = 0;
        try (CrashModel model = new CrashModel(); ProcessPincer p = new ProcessPincer(home, model.fake).start()) {
            p.registerGroupWithoutTrigger("family", "family");
            int requestsAtStart = 0;
            while (posted < 100 || kills < 10) {
                String sleep = random.nextInt(3) == 0 ? " SLEEP: " + (1 + random.nextInt(2)) : "";
                p.post("family", "M" + (++posted) + sleep);
                Thread.sleep(random.nextInt(300));
                // kill once the restarted host has made progress, at a random moment of its work
                boolean progressed = model.fake.requests().size() > requestsAtStart;
                if (progressed && random.nextInt(kills < 10 ? 4 : 20) == 0) {
                    Thread.sleep(random.nextInt(1500));
                    p.kill9();
                    kills++;
                    p.start();
                    requestsAtStart = model.fake.requests().size();
                }
            }
            int total = posted;
            await().atMost(Duration.ofSeconds(180)).until(() -> allAnswered(p, total));
            Thread.sleep(1000); // a duplicate answer would show up now

            Tally t = tally(p.messages("family"));
            System.out.println("random crash test: seed " + seed + ", " + total + " messages, " + kills + " kills, "
                    + model.fake.requests().size() + " model requests");
            assertExactlyOnce(t, total);
            assertThat(model.repeatedInOnePrompt()).as("seed " + seed).isEmpty();
            p.stop();
            p.assertNoSandboxLeft();
            p.assertNoCgroupLeft();
        }
    }
}
