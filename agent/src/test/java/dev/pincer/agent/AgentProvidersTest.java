package dev.pincer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.protocol.AgentInput;
import dev.pincer.protocol.Usage;
import dev.pincer.testkit.FakeOpenAI;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent with each provider: Anthropic's web search passed through (and continued on pause), OpenAI tool calls. */
class AgentProvidersTest extends AgentRunFixture {

    @Test
    void anthropicOffersWebSearchAndCachesTheToolsAndSystemPrompt() throws Exception {
        h.fake.enqueue(Reply.text("hi"));

        h.run(AgentHarness.start("hello", null));

        RecordedRequest r = h.fake.lastRequest();
        JsonNode tools = r.body().path("tools");
        JsonNode last = tools.get(tools.size() - 1);
        assertThat(last.path("type").asText()).isEqualTo("web_search_20250305");
        assertThat(last.path("name").asText()).isEqualTo("web_search");
        assertThat(last.path("max_uses").asInt()).isEqualTo(5);
        assertThat(last.path("cache_control").path("type").asText()).isEqualTo("ephemeral");
        for (int i = 0; i < tools.size() - 1; i++) {
            assertThat(tools.get(i).has("cache_control")).as("only the last tool is a cache point").isFalse();
        }
        assertThat(r.body().path("system").get(0).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
        assertThat(r.system()).doesNotContain("Web search is unavailable");
    }

    @Test
    void webSearchBlocksAreKeptVerbatimNotExecutedAndAPausedTurnIsContinued() throws Exception {
        h.fake.enqueue(
                Reply.webSearch("srvtoolu_1", "pincer weather", "https://example.org/w", "Searching first.")
                        .stopReason("pause_turn").usage(40, 8, 0, 30),
                Reply.text("It is sunny.").usage(60, 4, 30, 0));

        int code = h.run(AgentHarness.start("weather?", null));

        assertThat(code).isEqualTo(Agent.OK);
        assertThat(h.messages()).containsExactly("Searching first.\n\nIt is sunny.");
        List<RecordedRequest> requests = h.fake.requests();
        assertThat(requests).hasSize(2);
        // The paused turn went back as the conversation's end, its server blocks untouched, no tool_result added.
        JsonNode lastMessage = requests.get(1).messages().getLast();
        assertThat(lastMessage.path("role").asText()).isEqualTo("assistant");
        JsonNode content = lastMessage.path("content");
        assertThat(content.get(0).path("type").asText()).isEqualTo("server_tool_use");
        assertThat(content.get(0).path("id").asText()).isEqualTo("srvtoolu_1");
        assertThat(content.get(0).path("input").path("query").asText()).isEqualTo("pincer weather");
        assertThat(content.get(1).path("type").asText()).isEqualTo("web_search_tool_result");
        assertThat(content.get(1).path("tool_use_id").asText()).isEqualTo("srvtoolu_1");
        assertThat(content.get(1).path("content").get(0).path("encrypted_content").asText()).isEqualTo("enc-srvtoolu_1");
        assertThat(content.get(1).path("content").get(0).path("url").asText()).isEqualTo("https://example.org/w");
        assertThat(requests.get(1).toolResults()).isEmpty();
        assertThat(h.result().usage()).isEqualTo(new Usage(100, 12, 30, 30));
        // The transcript keeps them for the next run of the session.
        String transcript = Files.readString(h.home.resolve("sessions/" + h.result().sessionId() + ".jsonl"));
        assertThat(transcript).contains("\"server_tool_use\"").contains("\"web_search_tool_result\"").contains("enc-srvtoolu_1");
    }

    @Test
    void aFinishedWebSearchTurnIsNotTreatedAsAToolCall() throws Exception {
        h.fake.enqueue(Reply.webSearch("srvtoolu_2", "q", "https://example.org/", "Found it."));

        int code = h.run(AgentHarness.start("search", null));

        assertThat(code).isEqualTo(Agent.OK);
        assertThat(h.messages()).containsExactly("Found it.");
        assertThat(h.fake.requests()).hasSize(1);
    }

    @Test
    void theOpenAiProviderRunsToolsThroughChatCompletions() throws Exception {
        try (FakeOpenAI openai = new FakeOpenAI()) {
            h.extraEnv.put("PINCER_LLM_BASE_URL", openai.baseUrl());
            openai.enqueue(
                    Reply.toolUses(null, List.of(
                            new Reply.ToolCall("Bash", Map.of("command", "echo one > a.txt")),
                            new Reply.ToolCall("Bash", Map.of("command", "echo two > b.txt")))).usage(100, 20, 0, 0),
                    Reply.text("Both written.").usage(50, 5, 100, 0));

            int code = h.run(new AgentInput.Start("run-1", "write two files", null,
                    new AgentInput.Group("main", "web:main", true), new AgentInput.Setup("Andy", "openai", "llama3.1")));

            assertThat(code).isEqualTo(Agent.OK);
            assertThat(h.group.resolve("a.txt")).hasContent("one");
            assertThat(h.group.resolve("b.txt")).hasContent("two");
            assertThat(h.messages()).containsExactly("Both written.");
            assertThat(h.result().usage()).isEqualTo(new Usage(150, 25, 100, 0));
            List<RecordedRequest> requests = openai.requests();
            assertThat(requests).hasSize(2);
            assertThat(requests.get(0).model()).isEqualTo("llama3.1");
            JsonNode messages = requests.get(0).body().path("messages");
            assertThat(messages.get(0).path("content").asText()).contains("Web search is unavailable");
            List<String> tools = requests.get(0).body().path("tools").findValues("name").stream().map(JsonNode::asText).toList();
            assertThat(tools).contains("Bash").doesNotContain("web_search");
            JsonNode second = requests.get(1).body().path("messages");
            assertThat(second.get(second.size() - 2).path("role").asText()).isEqualTo("tool");
            assertThat(second.get(second.size() - 1).path("role").asText()).isEqualTo("tool");
            assertThat(h.fake.requests()).isEmpty();
        }
    }
}
