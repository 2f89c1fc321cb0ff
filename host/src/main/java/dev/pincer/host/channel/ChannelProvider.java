package dev.pincer.host.channel;

import java.util.List;
import java.util.Optional;

/**
 * A chat platform module (Telegram, Slack, ...), found with {@link java.util.ServiceLoader}: the
 * core has no import of any of them. A provider is enabled when its required settings are present
 * (in the environment or in {@code .env}); it then creates the {@link Channel}.
 */
public interface ChannelProvider {

    /** A short name, e.g. {@code telegram}; shown by {@code doctor} and in {@code /api/status}. */
    String name();

    /** Every setting it reads, for {@code doctor} and the docs. */
    List<Setting> settings();

    /**
     * The channel, when its required settings are present; empty when it is not configured.
     *
     * @throws IllegalArgumentException when a setting is present but invalid (the message names it and says how to fix it)
     */
    Optional<Channel> create(ChannelSettings settings);

    /**
     * One setting.
     *
     * @param secret never printed (a token or password)
     */
    record Setting(String name, boolean required, boolean secret, String description) {}
}
