package dev.pincer.agent.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pincer.agent.Log;
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
import java.util.Map;

/**
 * One model API endpoint as both model clients call it: a streaming POST of a JSON request, retried
 * per {@link RetryPolicy}; a non-200 answer or a lost connection becomes an {@link ApiException}
 * (with the API's own message and {@code retry-after}), a 200 is read as JSON or as SSE.
 */
public final class ModelEndpoint {
    private static final Log LOG = Log.named("llm");
    public static final int MAX_ERROR_BODY = 64 * 1024;

    private final String api;
    private final URI endpoint;
    private final Map<String, String> headers;
    private final HttpClient http;
    private final RetryPolicy retry;
    private final ObjectMapper mapper;

    /**
     * @param api      the API's name in error messages, e.g. {@code "Anthropic API"}
     * @param endpoint where requests go
     * @param headers  extra request headers, e.g. the API version
     */
    public ModelEndpoint(String api, URI endpoint, Map<String, String> headers, HttpClient http, RetryPolicy retry,
                         ObjectMapper mapper) {
        this.api = api;
        this.endpoint = endpoint;
        this.headers = Map.copyOf(headers);
        this.http = http;
        this.retry = retry;
        this.mapper = mapper;
    }

    /** {@code base} without trailing slashes, then {@code path}. */
    public static URI resolve(URI base, String path) {
        return URI.create(base.toString().replaceAll("/+$", "") + path);
    }

    /** How a client reads a successful answer: a plain JSON body or a server-sent event stream. */
    public interface Answer<T> {
        T json(JsonNode body) throws IOException, ApiException;

        /** May throw {@link ApiException} for an error event inside the stream. */
        T stream(SseReader events) throws IOException, ApiException;
    }

    /** Sends {@code request} until it succeeds, fails for good, or the retry policy gives up. */
    public <T> T send(JsonNode request, Answer<T> answer) throws ApiException, InterruptedException {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the request", e);
        }
        for (int n = 1; ; n++) {
            try {
                return post(body, answer);
            } catch (ApiException e) {
                if (!e.retryable() || n >= retry.maxAttempts()) {
                    throw e;
                }
                Duration wait = retry.delay(n, e.retryAfter());
                LOG.warn("attempt %d of %d failed (%s); retrying in %d ms", n, retry.maxAttempts(), e.summary(),
                        wait.toMillis());
                Thread.sleep(wait);
            }
        }
    }

    private <T> T post(byte[] body, Answer<T> answer) throws ApiException, InterruptedException {
        var request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMinutes(10))
                .header("content-type", "application/json")
                .header("accept", "text/event-stream");
        headers.forEach(request::header);
        try {
            var response = http.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw error(api, mapper, response.statusCode(), in.readNBytes(MAX_ERROR_BODY), response.headers());
                }
                if (response.headers().firstValue("content-type").orElse("").startsWith("application/json")) {
                    return answer.json(mapper.readTree(in));
                }
                return answer.stream(new SseReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
            }
        } catch (IOException e) {
            throw unreachable(api, endpoint, e);
        }
    }

    /** An error response: {@code {"error": {"type"|"code", "message"}}} when JSON (both APIs), else its text. */
    public static ApiException error(String api, ObjectMapper mapper, int status, byte[] body, HttpHeaders headers) {
        String type = null;
        String message = new String(body, StandardCharsets.UTF_8).strip();
        try {
            JsonNode error = mapper.readTree(body).path("error");
            if (error.isObject()) {
                type = error.path("type").isTextual() ? error.path("type").asText() : error.path("code").asText(null);
                message = error.path("message").asText(message);
            } else if (error.isTextual()) {
                message = error.asText(); // Ollama: {"error": "..."}
            }
        } catch (IOException e) {
            // not JSON (e.g. a proxy's plain-text error): keep the text
        }
        if (message.length() > 300) {
            message = message.substring(0, 300) + "...";
        }
        return new ApiException(api, status, type, message.isEmpty() ? "HTTP " + status : message, retryAfter(headers), null);
    }

    /** No response arrived (retryable). */
    public static ApiException unreachable(String api, URI endpoint, IOException e) {
        String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new ApiException(api, 0, "connection_error", "cannot reach " + endpoint + " (" + what + ")", null, e);
    }

    static Duration retryAfter(HttpHeaders headers) {
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
}
