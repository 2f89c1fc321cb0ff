package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.protocol.Json;
import dev.pincer.protocol.Usage;
import dev.pincer.testkit.FakeOpenAI;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton with {@code PINCER_PROVIDER=openai}: a real sandbox, the real egress proxy
 * injecting {@code Authorization: Bearer OPENAI_API_KEY} on the way to a fake Chat Completions
 * server at {@code OPENAI_BASE_URL}; usage lands in the run record and the status totals; a
 * group's {@code model} replaces {@code PINCER_MODEL}.
 */
class OpenAiEndToEndTest {
    static final String OPENAI_KEY = "sk-openai-test-" + Long.toHexString(Double.doubleToLongBits(Math.random()));

    @TempDir Path home;

    private static Harness openAi(Harness h, FakeOpenAI openai) {
        return h.set("PINCER_PROVIDER", "openai").set("OPENAI_BASE_URL", openai.baseUrl())
                .set("OPENAI_API_KEY", OPENAI_KEY).set("PINCER_MODEL", "gpt-fake");
    }

    @Test
    void aMessageRunsToolsInASandboxThroughChatCompletions() throws Exception {
        try (Harness h = new Harness(home); FakeOpenAI openai = new FakeOpenAI()) {
            openAi(h, openai).start();
            openai.enqueue(
                    Reply.toolUses("Writing the note.", List.of(
                            new Reply.ToolCall("Bash", Map.of("command", "echo hello > note.txt")),
                            new Reply.ToolCall("Bash", Map.of("command", "env; cat /proc/1/environ | tr '\\0' '\\n'"))))
                            .usage(120, 30, 0, 0),
                    Reply.text("Done: I wrote note.txt.").usage(90, 12, 80, 0));

            long seq = h.post("main", "Please write hello into note.txt");
            JsonNode reply = h.awaitReply("main", seq, Duration.ofSeconds(90));

            assertThat(reply.get("text").asText()).isEqualTo("Done: I wrote note.txt.");
            assertThat(home.resolve("groups/main/note.txt")).hasContent("hello");
            List<RecordedRequest> requests = openai.requests();
            assertThat(requests).hasSize(2);
            assertThat(requests).allSatisfy(r -> {
                assertThat(r.path()).isEqualTo("/v1/chat/completions");
                assertThat(r.header("authorization")).isEqualTo("Bearer " + OPENAI_KEY);
                assertThat(r.header("x-api-key")).isNull();
                assertThat(r.model()).isEqualTo("gpt-fake");
            });
            assertThat(h.model.requests()).as("nothing went to Anthropic").isEmpty();
            JsonNode second = requests.get(1).body().path("messages");
            JsonNode envResult = second.get(second.size() - 1);
            assertThat(envResult.path("role").asText()).isEqualTo("tool");
            String env = envResult.path("content").asText();
            assertThat(env).contains("HOME=/home/agent").doesNotContain(OPENAI_KEY).doesNotContainIgnoringCase("api_key")
                    .doesNotContain(openai.baseUrl()).doesNotContain(String.valueOf(openai.port()));

            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> !h.pincer.recentRuns().get(0).outcome().status().equals("running"));
            var run = h.pincer.recentRuns().get(0);
            assertThat(run.outcome().status()).isEqualTo("ok");
            assertThat(run.outcome().usage()).isEqualTo(new Usage(210, 42, 80, 0));
            assertThat(statusUsage(h)).isEqualTo(new Usage(210, 42, 80, 0));
        }
    }

    @Test
    void aGroupsModelReplacesTheDefaultModel() throws Exception {
        try (Harness h = new Harness(home); FakeOpenAI openai = new FakeOpenAI()) {
            openAi(h, openai).start();
            var r = h.call("POST", "/api/groups", Json.MAPPER.writeValueAsString(Map.of(
                    "chat", "web:family", "name", "family", "folder", "family", "trigger", "@Andy",
                    "requiresTrigger", false, "config", Map.of("model", "m-x"))));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            openai.enqueue(Reply.text("hi family"), Reply.text("hi owner"));

            long seq = h.post("family", "hello");
            assertThat(h.awaitReply("family", seq, Duration.ofSeconds(90)).get("text").asText()).isEqualTo("hi family");
            long mainSeq = h.post("main", "hello");
            assertThat(h.awaitReply("main", mainSeq, Duration.ofSeconds(90)).get("text").asText()).isEqualTo("hi owner");

            assertThat(openai.requests()).extracting(RecordedRequest::model).containsExactly("m-x", "gpt-fake");
        }
    }

    /** {@code GET /api/status} usage totals. */
    static Usage statusUsage(Harness h) throws Exception {
        var r = h.call("GET", "/api/status", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.treeToValue(Json.MAPPER.readTree(r.body()).path("usage"), Usage.class);
    }
}
