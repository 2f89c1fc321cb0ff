package dev.pincer.agent.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pincer.agent.Log;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** What the model clients share around one HTTP call: retries, error bodies, {@code retry-after}. */
public final class HttpCalls {
    private static final Log LOG = Log.named("llm");
    public static final int MAX_ERROR_BODY = 64 * 1024;

    private HttpCalls() {}

    /** One attempt at a model call. */
    public interface Attempt<T> {
        T call() throws ApiException, InterruptedException;
    }

    /** How a client reads a successful answer: a plain JSON body or a server-sent event stream. */
    public interface Answer<T> {
        T json(JsonNode body) throws IOException, ApiException;

        /** May throw {@link ApiException} for an error event inside the stream. */
        T stream(SseReader events) throws IOException, ApiException;
    }

    /**
     * One streaming POST of {@code body} to {@code endpoint}: a non-200 status becomes an
     * {@link ApiException} (retryable or not), a lost connection too; a 200 is read as JSON or SSE
     * depending on its content type.
     */
    public static <T> T post(java.net.http.HttpClient http, URI endpoint, String api, ObjectMapper mapper, byte[] body,
                             java.util.Map<String, String> headers, Answer<T> answer) throws ApiException, InterruptedException {
        var request = java.net.http.HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMinutes(10))
                .header("content-type", "application/json")
                .header("accept", "text/event-stream");
        headers.forEach(request::header);
        try {
            var response = http.send(request.POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw error(api, mapper, response.statusCode(), in.readNBytes(MAX_ERROR_BODY), response.headers());
                }
                if (response.headers().firstValue("content-type").orElse("").startsWith("application/json")) {
                    return answer.json(mapper.readTree(in));
                }
                return answer.stream(new SseReader(new java.io.BufferedReader(
                        new java.io.InputStreamReader(in, StandardCharsets.UTF_8))));
            }
        } catch (IOException e) {
            throw unreachable(api, endpoint, e);
        }
    }

    /** Runs {@code attempt} until it succeeds, fails for good, or {@code retry} gives up. */
    public static <T> T withRetries(RetryPolicy retry, Attempt<T> attempt) throws ApiException, InterruptedException {
        for (int n = 1; ; n++) {
            try {
                return attempt.call();
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
