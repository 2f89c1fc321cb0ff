package dev.pincer.host.channel;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a channel is configured with: the merged settings (environment over {@code .env}), where it
 * may keep state, and the assistant's name.
 *
 * @param dataDir a directory the channel may keep state in ({@code data/channels/<name>}), created on demand
 */
public record ChannelSettings(Map<String, String> values, Path dataDir, String assistantName) {

    public ChannelSettings {
        values = Map.copyOf(values);
    }

    /** A setting's value, stripped; empty when missing or blank. */
    public Optional<String> get(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    /** Whether every one of {@code names} is set. */
    public boolean has(String... names) {
        for (String n : names) {
            if (get(n).isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
