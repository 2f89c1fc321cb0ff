package dev.pincer.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.protocol.Json;
import dev.pincer.testkit.FakeAnthropic;
import dev.pincer.testkit.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class AnthropicClientTest {
    @AutoClose
    private final FakeAnthropic fake = new FakeAnthropic();
    @AutoClose
    private final HttpClient http = AnthropicClient.defaultHttpClient();

    private AnthropicClient client(String base) {
        return new AnthropicClient(URI.create(base), new CallSettings(http, new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5),
                Duration.ofSeconds(10)), Duration.ofSeconds(10), Json.MAPPER));
    }

    private static MessagesRequest request() {
        return new MessagesRequest("claude-test", 100, "be brief", Json.MAPPER.createArrayNode(),
                List.of(ChatMessage.userText("hi")));
    }

    @Test
    void postsUnderTheBaseUrlPathWithPromptCacheBreakpoints() throws Exception {
        fake.enqueue(Reply.toolUse("Read", Map.of("file_path", "/etc/hosts")));

        ModelTurn turn = client(fake.baseUrl() + "/llm/").send(request());

        assertThat(turn.message().toolUses()).singleElement().satisfies(u -> {
            assertThat(u.id()).startsWith("toolu_");
            assertThat(u.input().path("file_path").asText()).isEqualTo("/etc/hosts");
        });
        var r = fake.lastRequest();
        assertThat(r.path()).isEqualTo("/llm/v1/messages");
        assertThat(r.header("accept")).isEqualTo("text/event-stream");
        assertThat(r.body().path("system").get(0).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
        assertThat(r.messages().getLast().path("content").get(0).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
        assertThat(r.body().has("tools")).isFalse();
    }

    @Test
    void honoursRetryAfter() throws Exception {
        fake.enqueue(Reply.error(429, "rate_limit_error", "slow down").header("retry-after", "0.3"), Reply.text("ok"));

        long start = System.nanoTime();
        new AnthropicClient(URI.create(fake.baseUrl()), new CallSettings(http, new RetryPolicy(3, Duration.ofMillis(1),
                Duration.ofSeconds(1), Duration.ofSeconds(10)), Duration.ofSeconds(10), Json.MAPPER)).send(request());

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(250);
        assertThat(fake.requests()).hasSize(2);
    }

    @Test
    void doesNotRetryClientErrors() {
        fake.enqueue(Reply.error(404, "not_found_error", "model: claude-nope"));

        assertThatThrownBy(() -> client(fake.baseUrl()).send(request())).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.summary()).isEqualTo("Anthropic API HTTP 404 not_found_error: model: claude-nope");
        });
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void aSpentBudgetOfTheProxyIsNotRetried() {
        fake.enqueue(Reply.error(429, "budget_exceeded", "budget exceeded: this run used 120 tokens, its budget is 100"
                + " (PINCER_MAX_RUN_TOKENS)"), Reply.text("never asked"));

        assertThatThrownBy(() -> client(fake.baseUrl()).send(request())).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.summary()).isEqualTo("Anthropic API HTTP 429 budget_exceeded: budget exceeded: this run used 120"
                    + " tokens, its budget is 100 (PINCER_MAX_RUN_TOKENS)");
        });
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void retriesServerErrorsUntilTheAttemptsRunOut() {
        fake.respondWith(r -> Reply.error(503, "api_error", "unavailable"));

        assertThatThrownBy(() -> client(fake.baseUrl()).send(request())).isInstanceOf(ApiException.class)
                .hasMessageContaining("unavailable");
        assertThat(fake.requests()).hasSize(3);
    }

    @Test
    void aPlainTextProxyErrorKeepsItsText() throws Exception {
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] body = "egress denied by policy".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("content-type", "text/plain");
            ex.sendResponseHeaders(403, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            assertThatThrownBy(() -> client("http://127.0.0.1:" + server.getAddress().getPort()).send(request()))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.summary()).isEqualTo("Anthropic API HTTP 403: egress denied by policy");
                    });
        } finally {
            server.stop(0);
        }
    }

}
