package dev.pincer.agent.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pincer.agent.Log;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * One model API endpoint as both model clients call it: a streaming POST of a JSON request, retried
 * per {@link RetryPolicy}; a non-200 answer, a lost connection, a response that does not start or
 * goes silent for the stall threshold ({@link CallSettings#stall()}) becomes an
 * {@link ApiException} (with the API's own message and {@code retry-after}); a 200 is read as JSON
 * or as SSE.
 */
public final class ModelEndpoint {
    private static final Log LOG = Log.named("llm");
    public static final int MAX_ERROR_BODY = 64 * 1024;

    private final String api;
    private final URI endpoint;
    private final Map<String, String> headers;
    private final CallSettings calls;

    /**
     * @param api      the API's name in error messages, e.g. {@code "Anthropic API"}
     * @param endpoint where requests go
     * @param headers  extra request headers, e.g. the API version
     */
    public ModelEndpoint(String api, URI endpoint, Map<String, String> headers, CallSettings calls) {
        this.api = api;
        this.endpoint = endpoint;
        this.headers = Map.copyOf(headers);
        this.calls = calls;
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
            body = calls.mapper().writeValueAsBytes(request);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the request", e);
        }
        long started = System.nanoTime();
        for (int n = 1; ; n++) {
            try {
                return post(body, answer);
            } catch (ApiException e) {
                if (!e.retryable()) {
                    throw e;
                }
                Optional<Duration> wait = calls.retry().next(n, e.retryAfter(), Duration.ofNanos(System.nanoTime() - started));
                if (wait.isEmpty()) {
                    LOG.warn("giving up after %d attempt(s): %s", n, e.summary());
                    throw e;
                }
                LOG.warn("attempt %d failed (%s); retrying in %d ms", n, e.summary(), wait.get().toMillis());
                Thread.sleep(wait.get());
            }
        }
    }

    private <T> T post(byte[] body, Answer<T> answer) throws ApiException, InterruptedException {
        var request = HttpRequest.newBuilder(endpoint)
                .timeout(calls.stall())
                .header("content-type", "application/json")
                .header("accept", "text/event-stream");
        headers.forEach(request::header);
        HttpResponse<InputStream> response;
        try {
            response = calls.http().send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable(api, endpoint, e);
        } catch (HttpTimeoutException e) {
            throw new ApiException(api, 0, ApiException.TIMEOUT, "no response from " + endpoint + " within "
                    + seconds(calls.stall()) + " (PINCER_STREAM_STALL_SECONDS)", null, e);
        } catch (IOException e) {
            throw unreachable(api, endpoint, e);
        }
        StallWatch watch = new StallWatch(response.body(), calls.stall());
        try (watch; InputStream in = watch.stream()) {
            if (response.statusCode() != 200) {
                throw error(api, calls.mapper(), response.statusCode(), in.readNBytes(MAX_ERROR_BODY), response.headers());
            }
            if (response.headers().firstValue("content-type").orElse("").startsWith("application/json")) {
                return answer.json(calls.mapper().readTree(in));
            }
            return answer.stream(new SseReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
        } catch (IOException e) {
            if (watch.stalled()) {
                throw new ApiException(api, 200, ApiException.STALLED, "the response from " + endpoint + " stopped: nothing for "
                        + seconds(calls.stall()) + " (PINCER_STREAM_STALL_SECONDS)", null, e);
            }
            throw unreachable(api, endpoint, e);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
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
        return new ApiException(api, status, type, message.isEmpty() ? "HTTP " + status : message, retryAfter(headers,
                Instant.now()), null);
    }

    /** No response arrived, or the connection was lost (retryable). */
    public static ApiException unreachable(String api, URI endpoint, IOException e) {
        String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new ApiException(api, 0, ApiException.CONNECTION_ERROR, "cannot reach " + endpoint + " (" + what + ")", null, e);
    }

    /** {@code retry-after-ms}, else {@code retry-after} in seconds or as an HTTP date; null when absent or garbled. */
    static Duration retryAfter(HttpHeaders headers, Instant now) {
        try {
            var ms = headers.firstValue("retry-after-ms");
            if (ms.isPresent()) {
                return Duration.ofMillis((long) Double.parseDouble(ms.get().strip()));
            }
            var value = headers.firstValue("retry-after").map(String::strip);
            if (value.isEmpty()) {
                return null;
            }
            if (value.get().matches("[0-9.]+")) {
                return Duration.ofMillis((long) (Double.parseDouble(value.get()) * 1000));
            }
            Instant at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration left = Duration.between(now, at);
            return left.isNegative() ? Duration.ZERO : left;
        } catch (NumberFormatException | DateTimeParseException e) {
            return null; // garbage: fall back to our own backoff
        }
    }
}
