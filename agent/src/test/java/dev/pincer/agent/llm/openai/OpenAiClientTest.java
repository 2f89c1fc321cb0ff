package dev.pincer.agent.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pincer.agent.llm.AnthropicClient;
import dev.pincer.agent.llm.ApiException;
import dev.pincer.agent.llm.CallSettings;
import dev.pincer.agent.llm.ChatMessage;
import dev.pincer.agent.llm.ContentBlock;
import dev.pincer.agent.llm.DraftListener;
import dev.pincer.agent.llm.MessagesRequest;
import dev.pincer.agent.llm.ModelTurn;
import dev.pincer.agent.llm.Provider;
import dev.pincer.agent.llm.RetryPolicy;
import dev.pincer.agent.llm.SseReader;
import dev.pincer.protocol.Json;
import dev.pincer.protocol.Usage;
import dev.pincer.testkit.FakeOpenAI;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.io.BufferedReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class OpenAiClientTest {
    @AutoClose
    private final FakeOpenAI fake = new FakeOpenAI();
    @AutoClose
    private final HttpClient http = AnthropicClient.defaultHttpClient();

    private OpenAiClient client() {
        return new OpenAiClient(URI.create(fake.baseUrl()), new CallSettings(http, new RetryPolicy(3, Duration.ofMillis(1),
                Duration.ofMillis(5), Duration.ofSeconds(10)), Duration.ofSeconds(10), Json.MAPPER));
    }

    private static ArrayNode tools() {
        ArrayNode tools = Json.MAPPER.createArrayNode();
        var bash = tools.addObject().put("name", "Bash").put("description", "run a command");
        bash.putObject("input_schema").put("type", "object").putObject("properties").putObject("command").put("type", "string");
        return Provider.ANTHROPIC.tools(tools, Json.MAPPER); // plus the web_search server tool, which must be left out
    }

    private static MessagesRequest request(List<ChatMessage> messages) {
        return new MessagesRequest("gpt-test", 100, "be brief", tools(), messages);
    }

    @Test
    void streamsTextAndSendsAChatCompletionsRequestWithoutCredentials() throws Exception {
        fake.enqueue(Reply.text("Hello there, how are you today?").usage(12, 7));

        ModelTurn turn = client().send(request(List.of(ChatMessage.userText("hi"))));

        assertThat(turn.content()).containsExactly(new ContentBlock.Text("Hello there, how are you today?"));
        assertThat(turn.stopReason()).isEqualTo("end_turn");
        assertThat(turn.wantsTools()).isFalse();
        assertThat(turn.usage()).isEqualTo(new Usage(12, 7, 0, 0));
        RecordedRequest r = fake.requests().getFirst();
        assertThat(r.path()).isEqualTo("/v1/chat/completions");
        assertThat(r.header("authorization")).isNull();
        assertThat(r.stream()).isTrue();
        assertThat(r.body().path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(r.model()).isEqualTo("gpt-test");
        JsonNode messages = r.body().path("messages");
        assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(0).path("content").asText()).isEqualTo("be brief");
        assertThat(messages.get(1).path("role").asText()).isEqualTo("user");
        assertThat(messages.get(1).path("content").asText()).isEqualTo("hi");
        JsonNode tools = r.body().path("tools");
        assertThat(tools).hasSize(1);
        assertThat(tools.get(0).path("type").asText()).isEqualTo("function");
        assertThat(tools.get(0).path("function").path("name").asText()).isEqualTo("Bash");
        assertThat(tools.get(0).path("function").path("parameters").path("properties").has("command")).isTrue();
    }

    @Test
    void accumulatesSeveralToolCallsWhoseArgumentsArriveInPieces() throws Exception {
        fake.enqueue(Reply.toolUses("Let me look.", List.of(
                new Reply.ToolCall("call_a", "Bash", Map.of("command", "echo one two three four five six")),
                new Reply.ToolCall("call_b", "Read", Map.of("file_path", "/workspace/group/notes/a-rather-long-name.md")))));

        ModelTurn turn = client().send(request(List.of(ChatMessage.userText("go"))));

        assertThat(turn.wantsTools()).isTrue();
        assertThat(turn.message().text()).isEqualTo("Let me look.");
        assertThat(turn.message().toolUses()).extracting(ContentBlock.ToolUse::id).containsExactly("call_a", "call_b");
        assertThat(turn.message().toolUses().get(0).input().path("command").asText()).isEqualTo("echo one two three four five six");
        assertThat(turn.message().toolUses().get(1).input().path("file_path").asText())
                .isEqualTo("/workspace/group/notes/a-rather-long-name.md");
    }

    @Test
    void sendsToolCallsAndResultsBackAsAssistantAndToolMessages() throws Exception {
        fake.enqueue(Reply.text("fine"));
        var call = new ContentBlock.ToolUse("call_1", "Bash", Json.MAPPER.createObjectNode().put("command", "ls"));
        List<ChatMessage> conversation = List.of(
                ChatMessage.userText("list"),
                ChatMessage.assistant(List.of(new ContentBlock.Text("Listing."), call)),
                ChatMessage.user(List.of(new ContentBlock.ToolResult("call_1", "no such dir", true),
                        new ContentBlock.Text("also: hurry"))));

        client().send(request(conversation));

        JsonNode messages = fake.requests().getFirst().body().path("messages");
        assertThat(messages).hasSize(5);
        JsonNode assistant = messages.get(2);
        assertThat(assistant.path("role").asText()).isEqualTo("assistant");
        assertThat(assistant.path("content").asText()).isEqualTo("Listing.");
        assertThat(assistant.path("tool_calls").get(0).path("id").asText()).isEqualTo("call_1");
        assertThat(Json.MAPPER.readTree(assistant.path("tool_calls").get(0).path("function").path("arguments").asText())
                .path("command").asText()).isEqualTo("ls");
        assertThat(messages.get(3).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(3).path("tool_call_id").asText()).isEqualTo("call_1");
        assertThat(messages.get(3).path("content").asText()).isEqualTo("Error: no such dir");
        assertThat(messages.get(4).path("role").asText()).isEqualTo("user");
        assertThat(messages.get(4).path("content").asText()).isEqualTo("also: hurry");
    }

    @Test
    void retriesOn429And503() throws Exception {
        fake.enqueue(Reply.error(429, "rate_limit_exceeded", "slow down"), Reply.error(503, "server_error", "busy"),
                Reply.text("third time"));

        ModelTurn turn = client().send(request(List.of(ChatMessage.userText("hi"))));

        assertThat(turn.message().text()).isEqualTo("third time");
        assertThat(fake.requests()).hasSize(3);
    }

    @Test
    void givesUpWithTheServersMessageOnAClientError() {
        fake.enqueue(Reply.error(400, "invalid_request_error", "model 'nope' not found"));

        assertThatThrownBy(() -> client().send(request(List.of(ChatMessage.userText("hi")))))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.summary()).contains("OpenAI-compatible API").contains("model 'nope' not found");
                });
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void reportsCachedPromptTokensAsCacheReads() throws Exception {
        fake.enqueue(Reply.text("ok").usage(30, 9, 70, 0));

        ModelTurn turn = client().send(request(List.of(ChatMessage.userText("hi"))));

        // prompt_tokens = 100 of which 70 cached: 30 fresh input, 70 cache reads
        assertThat(turn.usage()).isEqualTo(new Usage(30, 9, 70, 0));
    }

    @Test
    void aStreamWithoutFinishOrDoneIsAFailureAndAnErrorChunkAnApiError() throws Exception {
        var cut = new ChatStreamAccumulator(Json.MAPPER, DraftListener.NONE);
        cut.accept("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hal\"}}]}");
        assertThatThrownBy(cut::turn).hasMessageContaining("ended before");

        var broken = new ChatStreamAccumulator(Json.MAPPER, DraftListener.NONE);
        assertThatThrownBy(() -> broken.accept("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).isEqualTo("overloaded"));
    }

    @Test
    void aStreamFromAServerThatNamesNoIdsStillYieldsDistinctCalls() throws Exception {
        String sse = """
                data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"name":"Bash","arguments":"{\\"comm"}}]}}]}

                data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"and\\":\\"ls\\"}"}}]}}]}

                data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"name":"Bash","arguments":{"command":"pwd"}}}]}}]}

                data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

                data: [DONE]

                """;
        ModelTurn turn = new SseReader(new BufferedReader(new StringReader(sse))).readTurn(new ChatStreamAccumulator(Json.MAPPER, DraftListener.NONE));

        assertThat(turn.stopReason()).isEqualTo(ModelTurn.TOOL_USE);
        assertThat(turn.message().toolUses()).hasSize(2);
        assertThat(turn.message().toolUses().get(0).input().path("command").asText()).isEqualTo("ls");
        assertThat(turn.message().toolUses().get(1).input().path("command").asText()).isEqualTo("pwd");
        assertThat(turn.message().toolUses().get(0).id()).isNotEqualTo(turn.message().toolUses().get(1).id());
        assertThat(turn.usage()).isEqualTo(Usage.ZERO);
    }
}
