package dev.pincer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.protocol.AgentOutput;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Near the context window the loop archives the conversation, continues from a summary, and persists it. */
class AgentCompactionTest extends AgentRunFixture {

    @BeforeEach
    void setUp() throws Exception {
        h.extraEnv.put("PINCER_CONTEXT_TOKENS", "10000");
        h.extraEnv.put("PINCER_COMPACT_AT", "0.8");
    }

    private static Reply bash(String command, long inputTokens, long cacheRead) {
        return Reply.toolUse("Bash", Map.of("command", command)).usage(inputTokens, 20, cacheRead, 0);
    }

    @Test
    void aLongConversationIsArchivedSummarisedAndContinues() throws Exception {
        h.fake.enqueue(
                bash("echo STEP-ONE-OUTPUT", 1000, 0),
                bash("echo STEP-TWO-OUTPUT", 2000, 1000),
                bash("echo STEP-THREE-OUTPUT", 3000, 2000),
                bash("echo STEP-FOUR-OUTPUT", 3000, 5000), // 8000 of 10000 tokens: the next request compacts first
                Reply.text("SUMMARY-7f3: the user wants the four steps run; steps one and two are done.").usage(500, 60),
                Reply.text("All four steps are done.").usage(900, 10));

        assertThat(h.run(AgentHarness.start("Please run the four steps for the Quarterly Report!", null))).isEqualTo(Agent.OK);

        List<RecordedRequest> requests = h.fake.requests();
        assertThat(requests).hasSize(6);
        // The summary request: no tools, the older turns as markdown text.
        RecordedRequest summaryCall = requests.get(4);
        assertThat(summaryCall.toolNames()).isEmpty();
        assertThat(summaryCall.messages()).hasSize(1);
        assertThat(summaryCall.lastUserText()).contains("Quarterly Report").contains("STEP-ONE-OUTPUT").contains("Summarise");
        // The next request carries the summary instead of the old turns, the last turns verbatim.
        RecordedRequest after = requests.get(5);
        List<JsonNode> messages = after.messages();
        String firstText = messages.getFirst().toString();
        assertThat(firstText).contains("SUMMARY-7f3").contains("conversations/");
        assertThat(after.body().path("messages").toString())
                .doesNotContain("Please run the four steps").doesNotContain("STEP-ONE-OUTPUT")
                .contains("STEP-THREE-OUTPUT").contains("STEP-FOUR-OUTPUT");
        assertThat(messages.get(1).path("role").asText()).isEqualTo("assistant");
        assertThat(messages.size()).isLessThan(requests.get(3).messages().size() + 2);
        assertThat(after.toolNames()).contains("Bash");
        assertThat(h.messages()).containsExactly("All four steps are done.");

        // The archive holds every message, tool calls and results readable.
        Path dir = h.group.resolve("conversations");
        List<Path> archives;
        try (Stream<Path> s = Files.list(dir)) {
            archives = s.toList();
        }
        assertThat(archives).hasSize(1);
        assertThat(archives.getFirst().getFileName().toString())
                .matches("\\d{4}-\\d{2}-\\d{2}-please-run-the-four-steps-for-the-quarterly\\.md");
        String archive = Files.readString(archives.getFirst());
        assertThat(archive).contains("Please run the four steps for the Quarterly Report!")
                .contains("**Tool call** `Bash`").contains("echo STEP-ONE-OUTPUT").contains("**Tool result**");
        for (String out : List.of("STEP-ONE-OUTPUT\n", "STEP-TWO-OUTPUT\n", "STEP-THREE-OUTPUT\n", "STEP-FOUR-OUTPUT\n")) {
            assertThat(archive).contains(out);
        }
        assertThat(archive.split("\n## User", -1)).hasSize(6);
        assertThat(archive.split("\n## Assistant", -1)).hasSize(5);

        // The transcript on disk was rewritten: a resumed session starts from the summary.
        AgentOutput.Result result = h.result();
        List<String> lines = Files.readAllLines(h.home.resolve("sessions/" + result.sessionId() + ".jsonl"));
        assertThat(lines.getFirst()).contains("SUMMARY-7f3");
        assertThat(String.join("\n", lines)).doesNotContain("Please run the four steps").contains("All four steps are done.");
        // The summary call counts in the run's usage.
        assertThat(result.usage().outputTokens()).isEqualTo(4 * 20 + 60 + 10);

        h.takeOutputs();
        h.fake.enqueue(Reply.text("Resumed."));
        assertThat(h.run(AgentHarness.start("and now?", result.sessionId()))).isEqualTo(Agent.OK);
        RecordedRequest resumed = h.fake.lastRequest();
        assertThat(resumed.messages().getFirst().toString()).contains("SUMMARY-7f3");
        assertThat(resumed.lastUserText()).contains("and now?");
    }

    @Test
    void belowTheThresholdNothingIsCompacted() throws Exception {
        h.fake.enqueue(bash("echo one", 7000, 900), Reply.text("fine").usage(7900, 5));

        assertThat(h.run(AgentHarness.start("hello", null))).isEqualTo(Agent.OK);

        assertThat(h.fake.requests()).hasSize(2);
        assertThat(h.fake.lastRequest().messages().getFirst().toString()).contains("hello");
        assertThat(h.group.resolve("conversations")).doesNotExist();
    }

    @Test
    void aBadThresholdIsRefusedAtStart() {
        h.extraEnv.put("PINCER_COMPACT_AT", "80%");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.run(AgentHarness.start("hello", null)))
                .hasMessageContaining("PINCER_COMPACT_AT must be a number from 0.1 to 1");
    }
}
