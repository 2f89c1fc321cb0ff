package dev.pincer.host.chatapps;

import java.time.Instant;

/**
 * How one channel is doing, as {@code GET /api/status} and {@code doctor} show it.
 *
 * @param state     connecting, connected, retrying, stopped, or failed (its settings are wrong)
 * @param since     when it got into that state
 * @param lastError the last error, or null
 */
public record ChannelStatus(String name, String state, Instant since, String lastError) {}
