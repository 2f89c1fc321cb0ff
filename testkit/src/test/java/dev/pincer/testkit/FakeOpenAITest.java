package dev.pincer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class FakeOpenAITest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String HELLO = """
            {"model":"gpt-test","stream":%s,"stream_options":{"include_usage":true},
             "messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hello"}]}""";
    @AutoClose
    private final TestHttp http = new TestHttp();
    @AutoClose
    private final FakeOpenAI fake = new FakeOpenAI();

    @Test
    void answersAChatCompletionAndStreamsChunksUntilDone() throws Exception {
        fake.enqueue(Reply.text("hi there").usage(7, 3, 2, 0), Reply.text("streamed"));

        HttpResponse<String> whole = http.post(fake.baseUrl() + "/chat/completions", HELLO.formatted(false));
        HttpResponse<String> streamed = http.post(fake.baseUrl() + "/chat/completions", HELLO.formatted(true));

        assertThat(whole.statusCode()).isEqualTo(200);
        var body = MAPPER.readTree(whole.body());
        assertThat(body.path("choices").get(0).path("message").path("content").asText()).isEqualTo("hi there");
        assertThat(body.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(body.path("usage").path("prompt_tokens").asLong()).isEqualTo(9);
        assertThat(body.path("usage").path("prompt_tokens_details").path("cached_tokens").asLong()).isEqualTo(2);
        assertThat(streamed.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(streamed.body()).contains("\"usage\"").endsWith("data: [DONE]\n\n");
        assertThat(fake.requests()).hasSize(2);
        assertThat(fake.lastRequest().model()).isEqualTo("gpt-test");
    }

    @Test
    void theFallbackResponderAnswersOnceTheQueueIsEmpty() throws Exception {
        fake.respondWith(r -> Reply.text("echo: " + r.model()));

        HttpResponse<String> response = http.post(fake.baseUrl() + "/chat/completions", HELLO.formatted(false));

        assertThat(MAPPER.readTree(response.body()).path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("echo: gpt-test");
    }

    @Test
    void unansweredToolCallsGet400AndOtherPaths404() throws Exception {
        String unanswered = """
                {"model":"m","messages":[{"role":"user","content":"run it"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                   "function":{"name":"Bash","arguments":"{}"}}]},
                 {"role":"user","content":"never mind"}]}""";

        HttpResponse<String> refused = http.post(fake.baseUrl() + "/chat/completions", unanswered);
        HttpResponse<String> missing = http.get(fake.baseUrl() + "/models");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(refused.body()).path("error").path("message").asText()).contains("call_1");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(fake.lastRequest().path()).isEqualTo("/v1/models");
        fake.validateRequests(false);
        assertThat(http.post(fake.baseUrl() + "/chat/completions", unanswered).statusCode()).isEqualTo(200);
    }
}
