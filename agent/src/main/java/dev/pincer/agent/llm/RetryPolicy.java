package dev.pincer.agent.llm;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed model call is tried again: exponential backoff with jitter (attempt n waits
 * {@code base * 2^(n-1)}, scaled by a random factor in [0.5, 1], capped at {@code maxWait}); a
 * server's {@code retry-after} replaces the backoff. It gives up after {@code maxAttempts} calls,
 * when the server asks to wait longer than {@code maxWait}, or when the next call would start more
 * than {@code total} after the first one did.
 *
 * @param maxAttempts calls in total, including the first
 * @param base        the first backoff
 * @param maxWait     the longest single wait
 * @param total       the longest time from the first call's start to the last call's start
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration maxWait, Duration total) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
    }

    /** Five attempts, backoff from {@code baseMillis}, never waiting more than a minute, nor retrying after three. */
    public static RetryPolicy standard(long baseMillis) {
        return new RetryPolicy(5, Duration.ofMillis(baseMillis), Duration.ofSeconds(60), Duration.ofMinutes(3));
    }

    /**
     * How long to wait before trying again after failed attempt {@code attempt} (1-based), or empty
     * to give up.
     *
     * @param retryAfter the server's {@code retry-after}, or null
     * @param elapsed    time since the first attempt started
     */
    public Optional<Duration> next(int attempt, Duration retryAfter, Duration elapsed) {
        if (attempt >= maxAttempts) {
            return Optional.empty();
        }
        Duration wait = retryAfter != null && !retryAfter.isNegative() ? retryAfter : backoff(attempt);
        if (wait.compareTo(maxWait) > 0 || elapsed.plus(wait).compareTo(total) > 0) {
            return Optional.empty();
        }
        return Optional.of(wait);
    }

    /** The jittered exponential backoff after failed attempt {@code attempt} (1-based). */
    public Duration backoff(int attempt) {
        long exp = base.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(exp, maxWait.toMillis());
        double jitter = 0.5 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis(Math.round(capped * jitter));
    }
}
