package dev.pincer.agent.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pincer.agent.Log;
import dev.pincer.protocol.Usage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Anthropic Messages API over {@code java.net.http}, streaming. It sends no credentials: the
 * base URL is the egress proxy's LLM route, which adds them. Retryable failures (429, 5xx, 529,
 * streamed overload, lost connections) are retried per {@link RetryPolicy}; anything else fails
 * with the API's own message.
 */
public final class AnthropicClient implements ModelClient {
    public static final String API_VERSION = "2023-06-01";
    private static final Log LOG = Log.named("llm");
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final HttpClient http;
    private final URI endpoint;
    private final RetryPolicy retry;
    private final ObjectMapper mapper;

    public AnthropicClient(HttpClient http, URI baseUrl, RetryPolicy retry, ObjectMapper mapper) {
        this.http = http;
        this.endpoint = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/v1/messages");
        this.retry = retry;
        this.mapper = mapper;
    }

    /** An HTTP/1.1 client that never consults system proxy settings (the base URL is the proxy). */
    public static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(20))
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
    }

    @Override
    public ModelTurn send(MessagesRequest request) throws ApiException, InterruptedException {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(request.toJson(mapper));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the request", e);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return once(body);
            } catch (ApiException e) {
                if (!e.retryable() || attempt >= retry.maxAttempts()) {
                    throw e;
                }
                Duration wait = retry.delay(attempt, e.retryAfter());
                LOG.warn("attempt %d of %d failed (%s); retrying in %d ms", attempt, retry.maxAttempts(),
                        e.summary(), wait.toMillis());
                Thread.sleep(wait);
            }
        }
    }

    private ModelTurn once(byte[] body) throws ApiException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMinutes(10))
                .header("content-type", "application/json")
                .header("accept", "text/event-stream")
                .header("anthropic-version", API_VERSION)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw error(response.statusCode(), in.readNBytes(MAX_ERROR_BODY), response.headers());
                }
                String type = response.headers().firstValue("content-type").orElse("");
                if (type.startsWith("application/json")) {
                    return fromJson(mapper.readTree(in));
                }
                var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                return StreamAccumulator.read(new SseReader(reader), mapper);
            }
        } catch (IOException e) {
            String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
            throw new ApiException(0, "connection_error", "cannot reach " + endpoint + " (" + what + ")", null, e);
        }
    }

    private ApiException error(int status, byte[] body, HttpHeaders headers) {
        String type = null;
        String message = new String(body, StandardCharsets.UTF_8).strip();
        try {
            JsonNode error = mapper.readTree(body).path("error");
            if (error.isObject()) {
                type = error.path("type").asText(null);
                message = error.path("message").asText(message);
            }
        } catch (IOException e) {
            // not JSON (e.g. a proxy's plain-text error): keep the text
        }
        if (message.length() > 300) {
            message = message.substring(0, 300) + "...";
        }
        return new ApiException(status, type, message.isEmpty() ? "HTTP " + status : message, retryAfter(headers), null);
    }

    private static Duration retryAfter(HttpHeaders headers) {
        try {
            var ms = headers.firstValue("retry-after-ms");
            if (ms.isPresent()) {
                return Duration.ofMillis((long) Double.parseDouble(ms.get().strip()));
            }
            var seconds = headers.firstValue("retry-after");
            if (seconds.isPresent()) {
                return Duration.ofMillis((long) (Double.parseDouble(seconds.get().strip()) * 1000));
            }
        } catch (NumberFormatException e) {
            // an HTTP-date or garbage: fall back to our own backoff
        }
        return null;
    }

    /** A non-streamed answer (some proxies and compatible servers ignore {@code stream}). */
    private ModelTurn fromJson(JsonNode msg) throws IOException {
        List<ContentBlock> blocks = new ArrayList<>();
        for (JsonNode b : msg.path("content")) {
            switch (b.path("type").asText()) {
                case "text" -> {
                    if (!b.path("text").asText().isEmpty()) {
                        blocks.add(new ContentBlock.Text(b.path("text").asText()));
                    }
                }
                case "tool_use" -> blocks.add(new ContentBlock.ToolUse(b.path("id").asText(), b.path("name").asText(),
                        b.path("input").isObject() ? b.path("input") : mapper.createObjectNode()));
                default -> { }
            }
        }
        JsonNode u = msg.path("usage");
        if (!msg.has("stop_reason")) {
            throw new IOException("the response is neither an SSE stream nor a message");
        }
        return new ModelTurn(blocks, msg.path("stop_reason").asText(), new Usage(u.path("input_tokens").asLong(),
                u.path("output_tokens").asLong(), u.path("cache_read_input_tokens").asLong(),
                u.path("cache_creation_input_tokens").asLong()));
    }
}
