package dev.pincer.host.proxy;

import java.time.Duration;

/**
 * Limits of general egress (CONNECT tunnels and absolute-form HTTP) per sandbox.
 *
 * @param connectTimeout how long connecting to the destination may take
 * @param idleTimeout    a tunnel or forwarded response with no bytes either way for this long is closed
 * @param maxTunnels     open egress connections per sandbox; more are answered with 429
 */
public record EgressLimits(Duration connectTimeout, Duration idleTimeout, int maxTunnels) {
    public static final EgressLimits DEFAULT = new EgressLimits(Duration.ofSeconds(10), Duration.ofMinutes(5), 32);

    public EgressLimits {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()
                || maxTunnels < 1) {
            throw new IllegalArgumentException("egress limits must be positive");
        }
    }
}
