package dev.pincer.host.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.host.config.Config;
import dev.pincer.host.proxy.EgressEvent.Verdict;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import dev.pincer.protocol.Json;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the key may be used for: only inference endpoints, only allowed models, bodies under the cap. */
class LlmKeyUseTest extends UpstreamFixture {
    static final String KEY = "sk-ant-api03-REAL-KEY-key-use-test-4242";
    static final String MODEL = "claude-sonnet-4-5";
    static final String BODY = "{\"model\":\"" + MODEL + "\",\"max_tokens\":5,\"messages\":[]}";

    void start(URI upstreamUri, LlmPolicy llm, EgressLimits limits) throws Exception {
        proxy = new EgressProxy("family", Files.createDirectories(tmp.resolve("run/family")),
                ProxySettings.llmOnly(llm.api() == LlmApi.OPENAI ? Credentials.bearer(KEY, upstreamUri)
                        : Credentials.apiKey(KEY, upstreamUri), llm, audit::add).withLimits(limits), null);
        proxy.start();
    }

    void startAnthropic() throws Exception {
        start(upstream.uri(), LlmPolicy.of(LlmApi.ANTHROPIC, List.of(MODEL, "claude-haiku-4-5")), EgressLimits.DEFAULT);
    }

    String send(String method, String target, String body, String... headers) throws Exception {
        String request = UdsHttp.post(target, body, headers).replaceFirst("^POST ", method + " ");
        return UdsHttp.exchange(proxy.socketPath(), request);
    }

    /** A refusal: the status, a JSON error in the provider's shape, one denied audit record, nothing upstream. */
    JsonNode assertRefused(String resp, int status, LlmApi api) throws Exception {
        assertThat(UdsHttp.status(resp)).as(resp).isEqualTo(status);
        assertThat(resp).contains("Content-Type: application/json").doesNotContain(KEY);
        JsonNode body = Json.MAPPER.readTree(UdsHttp.body(resp));
        if (api == LlmApi.ANTHROPIC) {
            assertThat(body.path("type").asText()).isEqualTo("error");
        }
        JsonNode error = body.path("error");
        assertThat(error.path("type").isTextual()).as(resp).isTrue();
        assertThat(upstream.seen).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> audit.size() == 1);
        assertThat(audit.get(0).verdict()).isEqualTo(Verdict.DENIED);
        assertThat(audit.get(0).status()).isEqualTo(status);
        assertThat(audit.get(0).reason()).isEqualTo(error.path("message").asText());
        return error;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/llm/v1/messages", "/llm/v1/messages/count_tokens", "/llm/v1/messages?beta=true"})
    void anthropicInferenceEndpointsAreForwarded(String target) throws Exception {
        startAnthropic();
        String resp = send("POST", target, BODY);
        assertThat(UdsHttp.status(resp)).as(resp).isEqualTo(200);
        assertThat(upstream.seen).singleElement().satisfies(s -> {
            assertThat(s.uri()).isEqualTo(target.substring("/llm".length()));
            assertThat(s.header("x-api-key")).isEqualTo(KEY);
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "GET    | /llm/v1/messages",
        "PUT    | /llm/v1/messages",
        "DELETE | /llm/v1/messages",
        "GET    | /llm/v1/models",
        "GET    | /llm/v1/models/claude-sonnet-4-5",
        "POST   | /llm/v1/models",
        "POST   | /llm/v1/files",
        "GET    | /llm/v1/files",
        "DELETE | /llm/v1/files/file_011",
        "POST   | /llm/v1/messages/batches",
        "GET    | /llm/v1/messages/batches",
        "POST   | /llm/v1/messages/batches/msgbatch_1/cancel",
        "GET    | /llm/v1/organizations/api_keys",
        "POST   | /llm/v1/organizations/invites",
        "POST   | /llm/v1/organizations/workspaces",
        "POST   | /llm/v1/complete",
        "POST   | /llm/v1/messages/count_tokens/x",
        "POST   | /llm/v1/chat/completions",
        "POST   | /llm/chat/completions",
        "POST   | /llm/v1/skills",
    })
    void everyOtherAnthropicEndpointAndMethodIsRefused(String method, String target) throws Exception {
        startAnthropic();
        JsonNode error = assertRefused(send(method.strip(), target.strip(), BODY), 403, LlmApi.ANTHROPIC);
        assertThat(error.path("type").asText()).isEqualTo("permission_error");
        assertThat(error.path("message").asText()).contains("is not forwarded").contains("POST /v1/messages");
    }

    @ParameterizedTest(name = "base {0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "/v1 | /llm/chat/completions",
        "/v1 | /llm/responses",
        "/v1 | /llm/embeddings",
        "''  | /llm/chat/completions",
        "''  | /llm/responses",
        "''  | /llm/embeddings",
    })
    void openAiInferenceEndpointsAreForwardedRelativeToTheBaseUrl(String base, String target) throws Exception {
        start(URI.create(upstream.uri() + base), LlmPolicy.of(LlmApi.OPENAI, List.of(MODEL)), EgressLimits.DEFAULT);
        String resp = send("POST", target, BODY);
        assertThat(UdsHttp.status(resp)).as(resp).isEqualTo(200);
        assertThat(upstream.seen).singleElement().satisfies(s -> {
            assertThat(s.uri()).isEqualTo(base + target.substring("/llm".length()));
            assertThat(s.header("authorization")).isEqualTo("Bearer " + KEY);
        });
    }

    @ParameterizedTest(name = "base {0}: {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "/v1 | GET  | /llm/chat/completions",
        "/v1 | GET  | /llm/models",
        "/v1 | POST | /llm/models",
        "/v1 | POST | /llm/files",
        "/v1 | GET  | /llm/files/file-abc/content",
        "/v1 | POST | /llm/batches",
        "/v1 | POST | /llm/fine_tuning/jobs",
        "/v1 | POST | /llm/organization/admin_api_keys",
        "/v1 | GET  | /llm/organization/usage/completions",
        "/v1 | POST | /llm/completions",
        "/v1 | POST | /llm/images/generations",
        "/v1 | POST | /llm/audio/speech",
        "/v1 | POST | /llm/audio/transcriptions",
        "/v1 | POST | /llm/assistants",
        "/v1 | POST | /llm/vector_stores",
        "/v1 | POST | /llm/v1/chat/completions",
        "/v1 | POST | /llm/v1/messages",
        "''  | GET  | /llm/v1/models",
        "''  | POST | /llm/v1/chat/completions",
        "''  | POST | /llm/v1/files",
        "''  | POST | /llm/files",
        "''  | POST | /llm/audio/transcriptions",
    })
    void everyOtherOpenAiEndpointAndMethodIsRefused(String base, String method, String target) throws Exception {
        start(URI.create(upstream.uri() + base), LlmPolicy.of(LlmApi.OPENAI, List.of(MODEL)), EgressLimits.DEFAULT);
        JsonNode error = assertRefused(send(method.strip(), target.strip(), BODY), 403, LlmApi.OPENAI);
        assertThat(error.path("type").asText()).isEqualTo("permission_error");
        assertThat(error.path("message").asText()).endsWith("(POST /chat/completions, /responses, /embeddings)");
    }

    @Test
    void transcriptionIsForwardedOnlyWhenConfiguredAndOnlyForItsModel() throws Exception {
        start(URI.create(upstream.uri() + "/v1"), LlmPolicy.of(LlmApi.OPENAI, List.of(MODEL)).withTranscription("whisper-1"),
                EgressLimits.DEFAULT);
        String ok = send("POST", "/llm/audio/transcriptions", multipart("whisper-1"),
                "Content-Type: multipart/form-data; boundary=XyZ");
        assertThat(UdsHttp.status(ok)).as(ok).isEqualTo(200);
        assertThat(upstream.seen).singleElement().satisfies(s -> {
            assertThat(s.uri()).isEqualTo("/v1/audio/transcriptions");
            assertThat(s.body()).isEqualTo(multipart("whisper-1"));
        });
        upstream.seen.clear();
        audit.clear();
        assertRefused(send("POST", "/llm/audio/transcriptions", multipart(MODEL),
                "Content-Type: multipart/form-data; boundary=XyZ"), 403, LlmApi.OPENAI);
        audit.clear();
        assertRefused(send("POST", "/llm/audio/transcriptions", "--XyZ--\r\n",
                "Content-Type: multipart/form-data; boundary=XyZ"), 400, LlmApi.OPENAI);
    }

    private static String multipart(String model) {
        return "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.ogg\"\r\nContent-Type: audio/ogg\r\n\r\n"
                + "OggS\u0000\u0001binary\r\n--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n" + model
                + "\r\n--XyZ--\r\n";
    }

    @Test
    void theModelMustBeOneThisGroupIsConfiguredToCall() throws Exception {
        startAnthropic();
        for (String allowed : List.of(MODEL, "claude-haiku-4-5")) {
            String resp = send("POST", "/llm/v1/messages", "{\"model\":\"" + allowed + "\",\"messages\":[]}");
            assertThat(UdsHttp.status(resp)).as(resp).isEqualTo(200);
        }
        upstream.seen.clear();
        audit.clear();
        JsonNode error = assertRefused(send("POST", "/llm/v1/messages", "{\"model\":\"claude-opus-4-1\",\"messages\":[]}"),
                403, LlmApi.ANTHROPIC);
        assertThat(error.path("message").asText()).contains("'claude-opus-4-1' is not allowed")
                .contains("claude-haiku-4-5, claude-sonnet-4-5");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "{}", "[]", "{\"model\":42}", "{\"model\":[\"claude-sonnet-4-5\"]}", "not json",
            "{\"messages\":[],\"model\":null}",
            // the provider might read the other one
            "{\"model\":\"claude-sonnet-4-5\",\"model\":\"claude-opus-4-1\"}",
            "{\"model\":\"claude-sonnet-4-5\"} {\"model\":\"claude-opus-4-1\"}",
            "{\"model\":\"claude-sonnet-4-5\",\"messages\":[", "{\"model\":\"claude-sonnet-4-5\",\"x\":{\"a\":}}"})
    void aBodyThatDoesNotNameExactlyOneModelIsRefused(String body) throws Exception {
        startAnthropic();
        JsonNode error = assertRefused(send("POST", "/llm/v1/messages", body), 400, LlmApi.ANTHROPIC);
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void bodiesOverTheCapAre413AndAudited() throws Exception {
        start(upstream.uri(), LlmPolicy.of(LlmApi.ANTHROPIC, List.of(MODEL)), EgressLimits.DEFAULT.withMaxBodyBytes(200));
        String prefix = "{\"model\":\"" + MODEL + "\",\"pad\":\"";
        String fits = prefix + "x".repeat(200 - prefix.length() - 2) + "\"}";
        assertThat(fits).hasSize(200);
        assertThat(UdsHttp.status(send("POST", "/llm/v1/messages", fits))).isEqualTo(200);
        upstream.seen.clear();
        audit.clear();
        JsonNode error = assertRefused(send("POST", "/llm/v1/messages", fits + " "), 413, LlmApi.ANTHROPIC);
        assertThat(error.path("message").asText()).contains("201 bytes is over the cap of 200 bytes");
    }

    @Test
    void theDefaultCapAllowsDocumentsButNotMoreThan32MiB() throws Exception {
        startAnthropic();
        assertThat(EgressLimits.DEFAULT.maxBodyBytes()).isEqualTo(32L * 1024 * 1024);
        String huge = UdsHttp.exchange(proxy.socketPath(),
                "POST /llm/v1/messages HTTP/1.1\r\nContent-Length: " + (32L * 1024 * 1024 + 1) + "\r\n\r\n");
        assertRefused(huge, 413, LlmApi.ANTHROPIC);
    }

    @Test
    void theGroupsModelTheMainModelAndTheFastModelAreAllowed() throws Exception {
        try (Database db = Database.open(tmp.resolve("store/pincer.db"))) {
            GroupStore groups = new GroupStore(db);
            groups.register(new Group("family", "web:family", "Family", new Group.Trigger("@Andy", true), false, "{\"model\":\"claude-opus-4-5\"}"));
            groups.register(new Group("kids", "web:kids", "Kids", new Group.Trigger("@Andy", true), false, "{}"));
            Config config = Config.from(Map.of("PINCER_MODEL", "claude-sonnet-4-5", "PINCER_FAST_MODEL", "claude-haiku-4-5"));
            assertThat(SandboxProxies.llmPolicy(config, groups, "family"))
                    .isEqualTo(LlmPolicy.of(LlmApi.ANTHROPIC, List.of("claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-5")));
            assertThat(SandboxProxies.llmPolicy(config, groups, "kids").models())
                    .containsExactlyInAnyOrder("claude-sonnet-4-5", "claude-haiku-4-5");
            Config openai = Config.from(Map.of("PINCER_PROVIDER", "openai", "PINCER_MODEL", "gpt-4.1"));
            assertThat(SandboxProxies.llmPolicy(openai, groups, "kids"))
                    .isEqualTo(LlmPolicy.of(LlmApi.OPENAI, List.of("gpt-4.1", Config.DEFAULT_FAST_MODEL)));
        }
    }
}
