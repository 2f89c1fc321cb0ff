package dev.pincer.host.proxy;

import java.time.Duration;

/**
 * Limits of one sandbox's proxy.
 *
 * @param connectTimeout how long connecting to a general egress destination may take
 * @param idleTimeout    a tunnel or forwarded response with no bytes either way for this long is closed
 * @param maxTunnels     open general egress connections per sandbox; more are answered with 429
 * @param maxBodyBytes   the largest request body accepted (413 beyond); large enough for images and PDF
 *                       documents in a model request. The LLM route holds bodies in memory, at most
 *                       twice this much per sandbox at once.
 */
public record EgressLimits(Duration connectTimeout, Duration idleTimeout, int maxTunnels, long maxBodyBytes) {
    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;
    public static final EgressLimits DEFAULT = new EgressLimits(Duration.ofSeconds(10), Duration.ofMinutes(5), 32,
            DEFAULT_MAX_BODY_BYTES);

    public EgressLimits {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()
                || maxTunnels < 1 || maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("egress limits must be positive (and the body cap under 1 GiB)");
        }
    }

    /** These limits with another body cap. */
    public EgressLimits withMaxBodyBytes(long bytes) {
        return new EgressLimits(connectTimeout, idleTimeout, maxTunnels, bytes);
    }
}
