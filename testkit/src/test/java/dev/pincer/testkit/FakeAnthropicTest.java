package dev.pincer.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class FakeAnthropicTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    @AutoClose
    private final TestHttp http = new TestHttp();
    @AutoClose
    private final FakeAnthropic fake = new FakeAnthropic();

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.post(fake.baseUrl() + path, body, "X-Api-Key", "sk-test");
    }

    private static String userTurn(String text, boolean stream) {
        return """
                {"model":"claude-test","max_tokens":100,"stream":%s,
                 "messages":[{"role":"user","content":[{"type":"text","text":"%s"}]}]}""".formatted(stream, text);
    }

    @Test
    void answersJsonWhenNotStreamingAndRecordsTheRequest() throws Exception {
        fake.enqueue(Reply.text("hello there").usage(7, 3, 2, 1));

        HttpResponse<String> response = post("/v1/messages", userTurn("hi", false));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = MAPPER.readTree(response.body());
        assertThat(body.path("content").get(0).path("text").asText()).isEqualTo("hello there");
        assertThat(body.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(body.path("model").asText()).isEqualTo("claude-test");
        assertThat(body.path("usage").path("input_tokens").asLong()).isEqualTo(7);
        assertThat(body.path("usage").path("output_tokens").asLong()).isEqualTo(3);
        assertThat(body.path("usage").path("cache_read_input_tokens").asLong()).isEqualTo(2);
        assertThat(body.path("usage").path("cache_creation_input_tokens").asLong()).isEqualTo(1);
        RecordedRequest recorded = fake.lastRequest();
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.path()).isEqualTo("/v1/messages");
        assertThat(recorded.header("x-api-key")).isEqualTo("sk-test");
        assertThat(recorded.headers()).containsKey("x-api-key");
        assertThat(recorded.lastUserText()).isEqualTo("hi");
        assertThat(recorded.model()).isEqualTo("claude-test");
    }

    @Test
    void streamsSseWithChunkedToolInput() throws Exception {
        fake.enqueue(Reply.toolUses("Let me look.", List.of(
                new Reply.ToolCall("Bash", Map.of("command", "echo hello && ls -la /workspace/group")),
                new Reply.ToolCall("Read", Map.of("file_path", "/etc/hostname")))).usage(20, 9));

        HttpResponse<String> response = post("/llm/v1/messages", userTurn("list files", true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<String> names = new ArrayList<>();
        List<JsonNode> data = new ArrayList<>();
        for (String frame : response.body().split("\n\n")) {
            String[] lines = frame.split("\n");
            names.add(lines[0].substring("event: ".length()));
            data.add(MAPPER.readTree(lines[1].substring("data: ".length())));
        }
        assertThat(names).startsWith("message_start", "ping", "content_block_start").endsWith("message_delta", "message_stop");
        StringBuilder text = new StringBuilder();
        StringBuilder firstInput = new StringBuilder();
        int inputChunks = 0;
        for (JsonNode d : data) {
            JsonNode delta = d.path("delta");
            if (delta.path("type").asText().equals("text_delta")) {
                text.append(delta.path("text").asText());
            } else if (delta.path("type").asText().equals("input_json_delta") && d.path("index").asInt() == 1) {
                firstInput.append(delta.path("partial_json").asText());
                inputChunks++;
            }
        }
        assertThat(text).hasToString("Let me look.");
        assertThat(inputChunks).isGreaterThan(2);
        assertThat(MAPPER.readTree(firstInput.toString()).path("command").asText())
                .isEqualTo("echo hello && ls -la /workspace/group");
        JsonNode toolStart = data.stream().filter(d -> d.path("content_block").path("type").asText().equals("tool_use"))
                .findFirst().orElseThrow();
        assertThat(toolStart.path("content_block").path("id").asText()).startsWith("toolu_");
        JsonNode messageDelta = data.get(names.indexOf("message_delta"));
        assertThat(messageDelta.path("delta").path("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(messageDelta.path("usage").path("output_tokens").asLong()).isEqualTo(9);
        assertThat(data.getFirst().path("message").path("usage").path("input_tokens").asLong()).isEqualTo(20);
        assertThat(fake.lastRequest().path()).isEqualTo("/llm/v1/messages");
        assertThat(fake.lastRequest().stream()).isTrue();
    }

    @Test
    void scriptedErrorsCarryStatusTypeAndHeaders() throws Exception {
        fake.enqueue(Reply.error(529, "overloaded_error", "Overloaded").header("retry-after", "2"));

        HttpResponse<String> response = post("/v1/messages", userTurn("hi", true));

        assertThat(response.statusCode()).isEqualTo(529);
        assertThat(response.headers().firstValue("retry-after")).hasValue("2");
        JsonNode body = MAPPER.readTree(response.body());
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo("overloaded_error");
        assertThat(body.path("error").path("message").asText()).isEqualTo("Overloaded");
    }

    @Test
    void streamErrorSendsAnErrorEventAfterTheStart() throws Exception {
        fake.enqueue(Reply.streamError("overloaded_error", "Overloaded"));

        HttpResponse<String> response = post("/v1/messages", userTurn("hi", true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("event: error").contains("overloaded_error").doesNotContain("message_stop");
    }

    @Test
    void aStalledReplySendsItsFirstEventThenNothingUntilTheFakeCloses() throws Exception {
        fake.enqueue(Reply.stall());

        HttpResponse<InputStream> response = http.postStreaming(fake.baseUrl() + "/v1/messages", userTurn("hi", true));

        assertThat(response.statusCode()).isEqualTo(200);
        var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertThat(lines.readLine()).isEqualTo("event: message_start");
        assertThat(lines.readLine()).startsWith("data: ");
        assertThat(lines.readLine()).isEmpty();
        var rest = CompletableFuture.supplyAsync(() -> {
            try {
                return lines.readLine();
            } catch (IOException e) {
                return "closed";
            }
        });
        Thread.sleep(500);
        assertThat(rest).isNotDone();
        fake.close();
        assertThat(rest.get(5, TimeUnit.SECONDS)).isNotEqualTo("event: ping");
    }

    @Test
    void aStalledReplyToARequestWithoutStreamingNeverAnswers() throws Exception {
        fake.enqueue(Reply.stall());

        var response = CompletableFuture.supplyAsync(() -> {
            try {
                return post("/v1/messages", userTurn("hi", false)).statusCode();
            } catch (Exception e) {
                return -1;
            }
        });

        Thread.sleep(500);
        assertThat(response).isNotDone();
        assertThat(fake.requests()).hasSize(1);
        fake.close();
        assertThat(response.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
    }

    @Test
    void queueFirstThenFallbackResponder() throws Exception {
        fake.enqueue(Reply.text("first"));
        fake.respondWith(r -> Reply.text("echo: " + r.lastUserText()));

        assertThat(post("/v1/messages", userTurn("a", false)).body()).contains("first");
        assertThat(post("/v1/messages", userTurn("b", false)).body()).contains("echo: b");
        assertThat(fake.pendingReplies()).isZero();
        assertThat(fake.awaitRequests(2, Duration.ofSeconds(1))).hasSize(2);
    }

    @Test
    void defaultFallbackSaysOk() throws Exception {
        assertThat(MAPPER.readTree(post("/v1/messages", userTurn("a", false)).body())
                .path("content").get(0).path("text").asText()).isEqualTo("ok");
    }

    @Test
    void toolResultsAreReadableFromTheRecordedRequest() throws Exception {
        String body = """
                {"model":"m","max_tokens":10,"messages":[
                 {"role":"user","content":"run it"},
                 {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"Bash","input":{"command":"ls"}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"a.txt","is_error":true},
                                           {"type":"text","text":"also this"}]}]}""";

        assertThat(post("/v1/messages", body).statusCode()).isEqualTo(200);

        RecordedRequest r = fake.lastRequest();
        assertThat(r.toolResults()).containsExactly(new RecordedRequest.ToolResultView("toolu_1", "a.txt", true));
        assertThat(r.lastUserText()).isEqualTo("a.txt\nalso this");
        assertThat(r.messages()).hasSize(3);
    }

    @Test
    void rejectsConversationsTheRealApiWouldReject() throws Exception {
        String orphanToolUse = """
                {"model":"m","max_tokens":10,"messages":[
                 {"role":"user","content":"run it"},
                 {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"Bash","input":{}}]},
                 {"role":"user","content":[{"type":"text","text":"never mind"}]}]}""";
        String textBeforeResult = """
                {"model":"m","max_tokens":10,"messages":[
                 {"role":"user","content":"run it"},
                 {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"Bash","input":{}}]},
                 {"role":"user","content":[{"type":"text","text":"x"},{"type":"tool_result","tool_use_id":"toolu_1","content":"ok"}]}]}""";

        HttpResponse<String> r1 = post("/v1/messages", orphanToolUse);
        HttpResponse<String> r2 = post("/v1/messages", textBeforeResult);
        HttpResponse<String> r3 = post("/v1/messages", "not json");

        assertThat(r1.statusCode()).isEqualTo(400);
        assertThat(r1.body()).contains("invalid_request_error").contains("toolu_1");
        assertThat(r2.statusCode()).isEqualTo(400);
        assertThat(r3.statusCode()).isEqualTo(400);
        fake.validateRequests(false);
        assertThat(post("/v1/messages", orphanToolUse).statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsImagesAndDocumentsTheRealApiWouldReject() throws Exception {
        String good = """
                {"model":"m","max_tokens":10,"messages":[{"role":"user","content":[{"type":"text","text":"see"},
                 {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBO"}},
                 {"type":"document","title":"r.pdf","source":{"type":"base64","media_type":"application/pdf","data":"JVBE"},
                  "cache_control":{"type":"ephemeral"}}]}]}""";
        String extraField = good.replace("\"type\":\"image\",", "\"type\":\"image\",\"file\":{\"path\":\"/x\"},");
        String badType = good.replace("image/png", "image/bmp");
        String noData = good.replace("\"JVBE\"", "\"\"");

        assertThat(post("/v1/messages", good).statusCode()).isEqualTo(200);
        HttpResponse<String> extra = post("/v1/messages", extraField);
        assertThat(extra.statusCode()).isEqualTo(400);
        assertThat(extra.body()).contains("image.file: Extra inputs are not permitted");
        assertThat(post("/v1/messages", badType).body()).contains("'image/bmp' is not supported");
        assertThat(post("/v1/messages", noData).body()).contains("document.source: a base64 source with data is required");
    }

    @Test
    void otherPathsGet404AndAreRecorded() throws Exception {
        HttpResponse<String> response = http.get(fake.baseUrl() + "/v1/models");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(fake.lastRequest().path()).isEqualTo("/v1/models");
    }

    @Test
    void awaitRequestsFailsClearlyOnTimeout() {
        assertThatThrownBy(() -> fake.awaitRequests(1, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("received 0");
    }

    @Test
    void chunksNeverTearSurrogatePairs() {
        String s = "a😀b😀c😀";
        List<String> pieces = ReplyEncoder.chunks(s, 4);
        assertThat(String.join("", pieces)).isEqualTo(s);
        pieces.forEach(p -> assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1))).isFalse());
    }
}
