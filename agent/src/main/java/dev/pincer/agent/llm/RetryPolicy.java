package dev.pincer.agent.llm;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt n waits {@code base * 2^(n-1)}, scaled by a random
 * factor in [0.5, 1], capped at {@code max}. A server's {@code retry-after} wins when given (also
 * capped at {@code max}).
 *
 * @param maxAttempts calls in total, including the first
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration max) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
    }

    /** Five attempts starting at {@code baseMillis}, never waiting more than a minute. */
    public static RetryPolicy standard(long baseMillis) {
        return new RetryPolicy(5, Duration.ofMillis(baseMillis), Duration.ofSeconds(60));
    }

    /** How long to wait after failed attempt {@code attempt} (1-based). */
    public Duration delay(int attempt, Duration retryAfter) {
        if (retryAfter != null && !retryAfter.isNegative()) {
            return retryAfter.compareTo(max) > 0 ? max : retryAfter;
        }
        long exp = base.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(exp, max.toMillis());
        double jitter = 0.5 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis(Math.round(capped * jitter));
    }
}
