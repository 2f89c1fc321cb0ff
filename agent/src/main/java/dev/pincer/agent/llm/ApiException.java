package dev.pincer.agent.llm;

import dev.pincer.protocol.LlmErrors;
import java.time.Duration;
import java.util.Set;

/**
 * The model API refused or failed a call. {@code status} is the HTTP status, or 200 for an
 * {@code error} event inside a stream (or a stream that stalled), or 0 when no response arrived.
 * {@code type} is the API's error type, or one of the agent's own below.
 */
public final class ApiException extends Exception {
    /** No connection, or it was lost (status 0). */
    public static final String CONNECTION_ERROR = "connection_error";
    /** No response started within the stall threshold (status 0). */
    public static final String TIMEOUT = "timeout";
    /** A streamed response went silent for the stall threshold (status 200). */
    public static final String STALLED = "stream_stalled";
    /** The egress proxy's answer when the spending budget is used up (never retried, whatever the status). */
    public static final String BUDGET_EXCEEDED = "budget_exceeded";

    private static final Set<Integer> RETRYABLE_STATUS = Set.of(408, 429, 500, 502, 503, 504, 529);
    private static final Set<String> RETRYABLE_TYPES = Set.of("overloaded_error", "api_error", "rate_limit_error", STALLED);

    private final int status;
    private final String type;
    private final Duration retryAfter;
    private final String api;

    /** @param api the provider's name for messages, e.g. "Anthropic API" */
    public ApiException(String api, int status, String type, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.api = api;
        this.status = status;
        this.type = type;
        this.retryAfter = retryAfter;
    }

    public ApiException(int status, String type, String message, Duration retryAfter, Throwable cause) {
        this("Anthropic API", status, type, message, retryAfter, cause);
    }

    public ApiException(int status, String type, String message) {
        this(status, type, message, null, null);
    }

    /** The API's name, e.g. "Anthropic API". */
    public String api() {
        return api;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    /** The server's {@code retry-after}, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * Whether trying the same request again may succeed. A spent budget of the host's proxy
     * ({@link LlmErrors#BUDGET_EXCEEDED}, status 429) never is: the run ends with that error.
     */
    public boolean retryable() {
        if (LlmErrors.BUDGET_EXCEEDED.equals(type)) {
            return false;
        }
        return status == 0 || RETRYABLE_STATUS.contains(status) || status == 200 && RETRYABLE_TYPES.contains(type);
    }

    /** A one-line reason for the run's error result. */
    public String summary() {
        String where = status == 0 ? "no response" : status == 200 ? "stream error" : "HTTP " + status;
        return api + " " + where + (type == null ? "" : " " + type) + ": " + getMessage();
    }
}
