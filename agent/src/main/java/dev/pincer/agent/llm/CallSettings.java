package dev.pincer.agent.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * What every model call of an agent shares: the HTTP client, how failed calls are retried, and how
 * long the model may stay silent: a response must start (headers) within {@code stall}, and a
 * started response is cut when no byte arrives for {@code stall}.
 */
public record CallSettings(HttpClient http, RetryPolicy retry, Duration stall, ObjectMapper mapper) {

    /** The default of {@code PINCER_STREAM_STALL_SECONDS}. */
    public static final Duration DEFAULT_STALL = Duration.ofSeconds(90);

    public CallSettings {
        if (stall.isNegative() || stall.isZero()) {
            throw new IllegalArgumentException("the stall threshold must be positive");
        }
    }
}
