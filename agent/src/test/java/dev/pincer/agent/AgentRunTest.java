package dev.pincer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.protocol.AgentInput;
import dev.pincer.protocol.AgentOutput;
import dev.pincer.protocol.Usage;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentRunTest extends AgentRunFixture {

    @Test
    void runsABashCallThenReportsTheAnswerAndTheSummedUsage() throws Exception {
        h.fake.enqueue(
                Reply.toolUse("Bash", Map.of("command", "echo hello > note.txt", "description", "write a note")).usage(100, 20, 5, 7),
                Reply.text("  Done, I wrote the note.  ").usage(150, 10, 50, 0));

        int code = h.run(AgentHarness.start("write a note", null));

        assertThat(code).isEqualTo(Agent.OK);
        assertThat(Files.readString(h.group.resolve("note.txt"))).isEqualTo("hello\n");
        List<AgentOutput> all = h.outputs();
        // the live view sees the tool call start and end, and drafts of the streamed answer
        assertThat(all).filteredOn(AgentOutput.Tool.class::isInstance).map(o -> (AgentOutput.Tool) o)
                .extracting(t -> t.name() + ":" + (t.ended() == null ? "started" : "ended, error=" + t.ended().error()))
                .containsExactly("Bash:started", "Bash:ended, error=false");
        assertThat(all).filteredOn(AgentOutput.Draft.class::isInstance).isNotEmpty()
                .allSatisfy(d -> assertThat("  Done, I wrote the note.  ").startsWith(((AgentOutput.Draft) d).text()));
        List<AgentOutput> outputs = all.stream()
                .filter(o -> !(o instanceof AgentOutput.Tool) && !(o instanceof AgentOutput.Draft)).toList();
        assertThat(outputs).hasSize(4);
        assertThat(outputs.get(0)).isEqualTo(new AgentOutput.Typing(true));
        assertThat(outputs.get(1)).isEqualTo(new AgentOutput.Message("Done, I wrote the note.", null, "run-1"));
        assertThat(outputs.get(2)).isEqualTo(new AgentOutput.Typing(false));
        AgentOutput.Result result = (AgentOutput.Result) outputs.get(3);
        assertThat(result.runId()).isEqualTo("run-1");
        assertThat(result.ok()).isTrue();
        assertThat(result.error()).isNull();
        assertThat(result.sessionId()).matches("[0-9a-f-]{36}");
        assertThat(result.usage()).isEqualTo(new Usage(250, 30, 55, 7));

        List<RecordedRequest> requests = h.fake.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).toolResults()).singleElement()
                .satisfies(r -> assertThat(r.isError()).isFalse());
        assertThat(h.home.resolve("sessions/" + result.sessionId() + ".jsonl")).exists();
    }

    @Test
    void sendsAStreamingRequestWithoutCredentialsAndWithTheSystemPrompt() throws Exception {
        Files.writeString(h.global.resolve("CLAUDE.md"), "The owner likes tea.");
        Files.writeString(h.group.resolve("CLAUDE.md"), "This group plans trips.");
        h.fake.enqueue(Reply.text("hi"));

        h.run(AgentHarness.start("hello", null));

        RecordedRequest r = h.fake.lastRequest();
        assertThat(r.path()).isEqualTo("/v1/messages");
        assertThat(r.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(r.header("x-api-key")).isNull();
        assertThat(r.header("authorization")).isNull();
        assertThat(r.stream()).isTrue();
        assertThat(r.model()).isEqualTo(Agent.DEFAULT_MODEL);
        assertThat(r.body().path("max_tokens").asInt()).isEqualTo(8192);
        assertThat(r.toolNames()).startsWith("Bash", "Read", "Write", "Edit", "Glob", "Grep", "TodoWrite").endsWith("web_search");
        assertThat(r.body().path("tools").get(0).path("input_schema").path("required").get(0).asText()).isEqualTo("command");
        assertThat(r.system()).contains("You are Andy").contains("<internal>")
                .contains("# Memory file " + h.global.resolve("CLAUDE.md")).contains("The owner likes tea.")
                .contains("# Memory file " + h.group.resolve("CLAUDE.md")).contains("This group plans trips.");
        assertThat(r.system().indexOf("likes tea")).isLessThan(r.system().indexOf("plans trips"));
        assertThat(r.lastUserText()).isEqualTo("hello");
    }

    @Test
    void usesTheModelOfTheStartInput() throws Exception {
        var start = AgentHarness.start("hello", null);
        h.run(new AgentInput.Start(start.runId(), start.prompt(), null, start.group(),
                new AgentInput.Setup("Andy", "anthropic", "claude-haiku-4-5")));

        assertThat(h.fake.lastRequest().model()).isEqualTo("claude-haiku-4-5");
    }

    @Test
    void resumesASessionWithItsEarlierTurns() throws Exception {
        h.fake.enqueue(Reply.toolUse("Bash", Map.of("command", "echo 42")), Reply.text("The answer is 42."));
        h.run(AgentHarness.start("what is the answer?", null));
        String sessionId = h.result().sessionId();
        h.takeOutputs();

        h.fake.enqueue(Reply.text("You asked about the answer."));
        int code = h.run(AgentHarness.start("what did I ask?", sessionId));

        assertThat(code).isEqualTo(Agent.OK);
        assertThat(h.result().sessionId()).isEqualTo(sessionId);
        RecordedRequest third = h.fake.awaitRequests(3, Duration.ofSeconds(1)).get(2);
        assertThat(third.messages()).hasSize(5);
        assertThat(third.messages().get(0).path("content").get(0).path("text").asText()).isEqualTo("what is the answer?");
        assertThat(third.messages().get(1).path("content").get(0).path("type").asText()).isEqualTo("tool_use");
        assertThat(third.messages().get(2).path("content").get(0).path("content").asText()).isEqualTo("42");
        assertThat(third.messages().get(3).path("content").get(0).path("text").asText()).isEqualTo("The answer is 42.");
        assertThat(third.lastUserText()).isEqualTo("what did I ask?");
    }

    @Test
    void aSessionIdThatCouldEscapeTheFolderStartsAFreshSession() throws Exception {
        Files.writeString(h.home.resolve("evil.jsonl"), "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"secret\"}]}\n");
        Files.createDirectories(h.home.resolve("sessions"));

        h.run(AgentHarness.start("hello", "../evil"));

        assertThat(h.result().sessionId()).isNotEqualTo("../evil").matches("[0-9a-f-]{36}");
        assertThat(h.fake.lastRequest().messages()).hasSize(1);
    }

    @Test
    void runsTheToolCallsOfOneTurnConcurrentlyAndAnswersInCallOrder() throws Exception {
        String timed = "echo start $(date +%%s%%N); sleep %s; echo end $(date +%%s%%N); echo %s";
        h.fake.enqueue(Reply.toolUses("Three at once.", List.of(
                new Reply.ToolCall("toolu_A", "Bash", Map.of("command", timed.formatted("0.9", "A"))),
                new Reply.ToolCall("toolu_B", "Bash", Map.of("command", timed.formatted("0.6", "B"))),
                new Reply.ToolCall("toolu_C", "Bash", Map.of("command", timed.formatted("0.4", "C"))))),
                Reply.text("all done"));

        h.run(AgentHarness.start("go", null));

        var results = h.fake.lastRequest().toolResults();
        assertThat(results).extracting(RecordedRequest.ToolResultView::toolUseId).containsExactly("toolu_A", "toolu_B", "toolu_C");
        assertThat(results).extracting(r -> r.content().strip().substring(r.content().strip().length() - 1))
                .containsExactly("A", "B", "C");
        long latestStart = results.stream().mapToLong(r -> field(r.content(), "start")).max().orElseThrow();
        long earliestEnd = results.stream().mapToLong(r -> field(r.content(), "end")).min().orElseThrow();
        assertThat(latestStart).as("all three ran at the same time").isLessThan(earliestEnd);
    }

    private static long field(String output, String name) {
        return output.lines().filter(l -> l.startsWith(name + " ")).mapToLong(l -> Long.parseLong(l.substring(name.length() + 1)))
                .findFirst().orElseThrow();
    }

    @Test
    void aFailingToolIsReportedToTheModelAndTheLoopGoesOn() throws Exception {
        h.fake.enqueue(Reply.toolUses(null, List.of(
                        new Reply.ToolCall("Teleport", Map.of()),
                        new Reply.ToolCall("Read", Map.of("file_path", "relative.txt")),
                        new Reply.ToolCall("Bash", Map.of()),
                        new Reply.ToolCall("Bash", Map.of("command", "exit 3")))),
                Reply.text("I see the errors."));

        int code = h.run(AgentHarness.start("try things", null));

        assertThat(code).isEqualTo(Agent.OK);
        var results = h.fake.lastRequest().toolResults();
        assertThat(results).allSatisfy(r -> assertThat(r.isError()).isTrue());
        assertThat(results.get(0).content()).contains("no tool named Teleport");
        assertThat(results.get(1).content()).contains("absolute");
        assertThat(results.get(2).content()).contains("command");
        assertThat(results.get(3).content()).contains("Exit code: 3");
        assertThat(h.messages()).containsExactly("I see the errors.");
    }

    @Test
    void anEmptyFinalAnswerSendsNoMessage() throws Exception {
        h.fake.enqueue(Reply.text(""));

        assertThat(h.run(AgentHarness.start("hello", null))).isEqualTo(Agent.OK);

        assertThat(h.messages()).isEmpty();
        assertThat(h.result().ok()).isTrue();
    }

    @Test
    void aToolCallCutOffByMaxTokensEndsTheRunWithItsText() throws Exception {
        h.fake.enqueue(Reply.toolUses("Let me", List.of(new Reply.ToolCall("Bash", Map.of("command", "true"))))
                .stopReason("max_tokens"));

        assertThat(h.run(AgentHarness.start("hello", null))).isEqualTo(Agent.OK);

        assertThat(h.messages()).containsExactly("Let me");
        assertThat(h.fake.requests()).hasSize(1);
    }
}
