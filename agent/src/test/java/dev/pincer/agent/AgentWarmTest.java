package dev.pincer.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pincer.protocol.AgentInput;
import dev.pincer.protocol.AgentOutput;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.protocol.RunFailure;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** With PINCER_IDLE_TIMEOUT the agent stays after its answer: follow-ups are new turns of the same session. */
class AgentWarmTest extends AgentRunFixture {

    private CompletableFuture<Integer> runInBackground(AgentInput.Start start) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return h.run(start);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private List<AgentOutput.Result> results() throws Exception {
        return h.outputs().stream().filter(o -> o instanceof AgentOutput.Result).map(o -> (AgentOutput.Result) o).toList();
    }

    @Test
    void aFollowUpAfterTheAnswerIsANewTurnOfTheSameSessionAndCloseEndsIt() throws Exception {
        h.extraEnv.put("PINCER_IDLE_TIMEOUT", "30");
        h.fake.enqueue(Reply.text("First answer."), Reply.text("Second answer."));
        CompletableFuture<Integer> agent = runInBackground(AgentHarness.start("first question", null));

        await().atMost(Duration.ofSeconds(10)).until(() -> results().size() == 1);
        assertThat(agent).as("still alive, warm").isNotDone();
        IpcFiles.write(h.input, new AgentInput.Message("second question", "run-2"));
        await().atMost(Duration.ofSeconds(10)).until(() -> results().size() == 2);

        List<AgentOutput.Result> results = results();
        assertThat(results).extracting(AgentOutput.Result::runId).containsExactly("run-1", "run-2");
        assertThat(results.get(1).sessionId()).isEqualTo(results.get(0).sessionId());
        assertThat(h.messages()).containsExactly("First answer.", "Second answer.");
        RecordedRequest second = h.fake.lastRequest();
        assertThat(second.messages()).hasSize(3);
        assertThat(second.lastUserText()).isEqualTo("second question");

        IpcFiles.write(h.input, new AgentInput.Close());
        assertThat(agent.get(10, TimeUnit.SECONDS)).isEqualTo(Agent.OK);
        assertThat(h.fake.requests()).hasSize(2);
    }

    @Test
    void aFollowUpThatFailsEndsWithItsOwnFailedResultAndTheAgentExits() throws Exception {
        h.extraEnv.put("PINCER_IDLE_TIMEOUT", "30");
        h.fake.enqueue(Reply.text("First answer."), Reply.error(401, "authentication_error", "invalid x-api-key"));
        CompletableFuture<Integer> agent = runInBackground(AgentHarness.start("first question", null));
        await().atMost(Duration.ofSeconds(10)).until(() -> results().size() == 1);

        IpcFiles.write(h.input, new AgentInput.Message("second question", "run-2"));

        assertThat(agent.get(10, TimeUnit.SECONDS)).isEqualTo(Agent.RUN_FAILED);
        List<AgentOutput.Result> results = results();
        assertThat(results).extracting(AgentOutput.Result::runId).containsExactly("run-1", "run-2");
        assertThat(results.get(0).failure()).isNull();
        assertThat(results.get(1).failure().kind()).isEqualTo(RunFailure.Kind.AUTH);
        assertThat(h.outputs().stream().filter(o -> o instanceof AgentOutput.Typing)).extracting(o -> ((AgentOutput.Typing) o).typing())
                .containsExactly(true, false, true, false);
    }

    @Test
    void theIdleTimeoutEndsAWarmAgent() throws Exception {
        h.extraEnv.put("PINCER_IDLE_TIMEOUT", "1");
        h.fake.enqueue(Reply.text("hi"));
        long start = System.nanoTime();
        assertThat(h.run(AgentHarness.start("hello", null))).isEqualTo(Agent.OK);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(results()).hasSize(1);
    }

    @Test
    void aMessageFedDuringTheRunIsReportedAsAnsweredByTheResult() throws Exception {
        String json = "{\"type\":\"message\",\"text\":\"also this\",\"runId\":\"run-2\"}";
        h.fake.enqueue(Reply.toolUse("Bash", Map.of("command", h.hostWrites(json, "00000000000000000001-0123456789ab.json"))),
                Reply.text("Both done."));

        assertThat(h.run(AgentHarness.start("first", null))).isEqualTo(Agent.OK);

        assertThat(h.fake.lastRequest().messages().getLast().toString()).contains("also this");
        assertThat(h.result().runId()).isEqualTo("run-2");
    }

    @Test
    void aBadIdleTimeoutIsRefusedAtStart() {
        h.extraEnv.put("PINCER_IDLE_TIMEOUT", "soon");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.run(AgentHarness.start("hello", null)))
                .hasMessageContaining("PINCER_IDLE_TIMEOUT must be a number of seconds");
    }

    @Test
    void eachReplyNamesTheLastBatchTheModelHadReadWhenItWroteIt() throws Exception {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        h.fake.respondWith(r -> {
            if (calls.incrementAndGet() == 1) {
                try { // the second batch arrives while the model writes its answer to the first
                    IpcFiles.write(h.input, new AgentInput.Message("second question", "run-2"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return Reply.text("answer one");
            }
            return Reply.text("answer two");
        });

        assertThat(h.run(AgentHarness.start("first question", null))).isEqualTo(Agent.OK);

        assertThat(h.outputs().stream().filter(o -> o instanceof AgentOutput.Message).toList()).containsExactly(
                new AgentOutput.Message("answer one", null, "run-1"),
                new AgentOutput.Message("answer two", null, "run-2"));
        assertThat(h.result().runId()).isEqualTo("run-2");
    }

    @Test
    void aFailedTurnIsNotInTheConversationWhenItsMessagesComeAgain() throws Exception {
        h.fake.enqueue(Reply.text("First answer."), Reply.error(400, "invalid_request_error", "nope"), Reply.text("Third."));
        assertThat(h.run(AgentHarness.start("first question", null))).isEqualTo(Agent.OK);
        String session = results().get(0).sessionId();

        assertThat(h.run(AgentHarness.start("second question", session))).isEqualTo(Agent.RUN_FAILED);
        // the host gives the unanswered message again, together with the next one
        assertThat(h.run(AgentHarness.start("second question\nthird question", session))).isEqualTo(Agent.OK);

        RecordedRequest third = h.fake.lastRequest();
        assertThat(third.messages()).hasSize(3); // first question, first answer, the batch given again
        assertThat(third.messages().toString()).containsOnlyOnce("second question");
    }
}
