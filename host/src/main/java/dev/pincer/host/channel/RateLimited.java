package dev.pincer.host.channel;

import java.time.Duration;

/** The platform asked to slow down (HTTP 429, {@code retry_after}): nothing is sent on this channel before {@link #retryAfter()}. */
public final class RateLimited extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    public RateLimited(Duration retryAfter, String message) {
        super(message);
        this.retryAfter = retryAfter == null || retryAfter.isNegative() ? Duration.ofSeconds(1) : retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
