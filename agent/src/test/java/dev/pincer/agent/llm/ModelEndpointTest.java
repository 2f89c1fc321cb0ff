package dev.pincer.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.agent.llm.openai.OpenAiClient;
import dev.pincer.protocol.Json;
import dev.pincer.testkit.FakeAnthropic;
import dev.pincer.testkit.FakeOpenAI;
import dev.pincer.testkit.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Retries, give-ups and stalls of model calls, against the fakes over real HTTP. */
class ModelEndpointTest {
    private static final Duration STALL = Duration.ofMillis(400);

    @AutoClose
    private final FakeAnthropic fake = new FakeAnthropic();
    @AutoClose
    private final HttpClient http = AnthropicClient.defaultHttpClient();

    private CallSettings calls(int attempts) {
        return new CallSettings(http, new RetryPolicy(attempts, Duration.ofMillis(1), Duration.ofSeconds(2), Duration.ofSeconds(20)),
                STALL, Json.MAPPER);
    }

    private AnthropicClient client(int attempts) {
        return new AnthropicClient(URI.create(fake.baseUrl()), calls(attempts));
    }

    private static MessagesRequest request() {
        return new MessagesRequest("claude-test", 100, null, null, List.of(ChatMessage.userText("hi")));
    }

    @Test
    void aServerErrorThenSuccessSucceedsAfterOneRetry() throws Exception {
        fake.enqueue(Reply.error(500, "api_error", "Internal server error"), Reply.text("fine now"));

        ModelTurn turn = client(5).send(request());

        assertThat(turn.message().text()).isEqualTo("fine now");
        assertThat(fake.requests()).hasSize(2);
    }

    @Test
    void aRateLimitWaitsAtLeastItsRetryAfter() throws Exception {
        fake.enqueue(Reply.error(429, "rate_limit_error", "slow down").header("retry-after", "1"), Reply.text("ok"));

        long start = System.nanoTime();
        client(5).send(request());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(fake.requests()).hasSize(2);
    }

    @Test
    void persistentServerErrorsFailWhenTheAttemptsRunOut() {
        fake.respondWith(r -> Reply.error(500, "api_error", "Internal server error"));

        assertThatThrownBy(() -> client(4).send(request())).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.retryable()).isTrue();
        });
        assertThat(fake.requests()).hasSize(4);
    }

    @Test
    void refusedKeysBadRequestsAndBudgetsAreNotRetried() {
        fake.respondWith(r -> Reply.text("a retry would have succeeded"));
        for (Reply refusal : List.of(Reply.error(401, "authentication_error", "invalid x-api-key"),
                Reply.error(403, "permission_error", "not allowed"),
                Reply.error(400, "invalid_request_error", "bad"),
                Reply.error(429, "budget_exceeded", "daily budget of $5.00 used up"))) {
            int before = fake.requests().size();
            fake.enqueue(refusal);

            assertThatThrownBy(() -> client(5).send(request())).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.status()).isEqualTo(refusal.delivery().status());
                assertThat(e.retryable()).isFalse();
            });
            assertThat(fake.requests()).hasSize(before + 1);
        }
    }

    @Test
    void aStreamThatGoesSilentIsCutAsStalledAndRetried() {
        fake.respondWith(r -> Reply.stall());

        long start = System.nanoTime();
        assertThatThrownBy(() -> client(2).send(request())).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.type()).isEqualTo(ApiException.STALLED);
            assertThat(e.retryable()).isTrue();
            assertThat(e.summary()).contains("nothing for 0.4 s").contains("PINCER_STREAM_STALL_SECONDS");
        });
        assertThat(fake.requests()).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(STALL.multipliedBy(2))
                .isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aStallOnceThenAnAnswerSucceeds() throws Exception {
        fake.enqueue(Reply.stall(), Reply.text("there you go"));

        assertThat(client(3).send(request()).message().text()).isEqualTo("there you go");
    }

    @Test
    void anOpenAiStreamThatGoesSilentIsCutToo() {
        try (FakeOpenAI openai = new FakeOpenAI()) {
            openai.respondWith(r -> Reply.stall());
            var client = new OpenAiClient(URI.create(openai.baseUrl()), calls(1));

            assertThatThrownBy(() -> client.send(request())).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.type()).isEqualTo(ApiException.STALLED));
        }
    }

    @Test
    void aResponseThatNeverStartsIsATimeout() {
        fake.respondWith(r -> Reply.text("too late").delayMillis(60_000));

        assertThatThrownBy(() -> client(1).send(request())).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isZero();
            assertThat(e.type()).isEqualTo(ApiException.TIMEOUT);
            assertThat(e.retryable()).isTrue();
        });
    }

    @Test
    void retryAfterIsReadInMillisecondsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2025-01-01T12:00:00Z");
        assertThat(ModelEndpoint.retryAfter(headers("retry-after-ms", "1500"), now)).isEqualTo(Duration.ofMillis(1500));
        assertThat(ModelEndpoint.retryAfter(headers("retry-after", "2"), now)).isEqualTo(Duration.ofSeconds(2));
        assertThat(ModelEndpoint.retryAfter(headers("retry-after", "Wed, 01 Jan 2025 12:00:30 GMT"), now))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(ModelEndpoint.retryAfter(headers("retry-after", "Wed, 01 Jan 2025 11:00:00 GMT"), now)).isEqualTo(Duration.ZERO);
        assertThat(ModelEndpoint.retryAfter(headers("retry-after", "soon"), now)).isNull();
        assertThat(ModelEndpoint.retryAfter(headers("x-other", "1"), now)).isNull();
    }

    private static HttpHeaders headers(String name, String value) {
        return HttpHeaders.of(Map.of(name, List.of(value)), (a, b) -> true);
    }
}
