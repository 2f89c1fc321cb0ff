package dev.pincer.channel.discord;

import dev.pincer.host.channel.ChannelSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What the Discord channel is configured with.
 *
 * @param token      the bot token (without a {@code Bot } prefix)
 * @param apiUrl     the REST API's base, ending in {@code /}
 * @param gatewayUrl the gateway's WebSocket address
 * @param dataDir    where the channel keeps its state
 */
record DiscordSettings(String token, String apiUrl, String gatewayUrl, Path dataDir) {

    static final String TOKEN = "DISCORD_BOT_TOKEN";
    static final String API_URL = "DISCORD_API_URL";
    static final String GATEWAY_URL = "DISCORD_GATEWAY_URL";
    static final String DEFAULT_API_URL = "https://discord.com/api/v10/";
    static final String DEFAULT_GATEWAY_URL = "wss://gateway.discord.gg/";

    /** What to say when Discord refuses the token ({@code why}: how it said so). */
    static String tokenRefused(String why) {
        return "Discord refused " + TOKEN + " (" + why + "): reset the token in the developer portal (your application, "
                + "Bot, Reset Token) and put the new one in .env";
    }

    @Override
    public String toString() {
        return "DiscordSettings[api=" + apiUrl + ", gateway=" + gatewayUrl + "]";
    }

    /**
     * The settings, when a token is set.
     *
     * @throws IllegalArgumentException naming the setting that is wrong and how to fix it
     */
    static Optional<DiscordSettings> from(ChannelSettings settings) {
        Optional<String> raw = settings.get(TOKEN);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String token = raw.get().regionMatches(true, 0, "Bot ", 0, 4) ? raw.get().substring(4).strip() : raw.get();
        if (token.isEmpty() || token.chars().anyMatch(c -> Character.isWhitespace(c) || c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException(TOKEN + " is not a bot token (it has spaces or unusual characters): "
                    + "copy it again from the Discord developer portal (your app, Bot, Reset Token)");
        }
        String api = url(settings, API_URL, DEFAULT_API_URL, "http");
        return Optional.of(new DiscordSettings(token, api.endsWith("/") ? api : api + "/",
                url(settings, GATEWAY_URL, DEFAULT_GATEWAY_URL, "ws"), settings.dataDir()));
    }

    private static String url(ChannelSettings settings, String name, String fallback, String scheme) {
        String value = settings.get(name).orElse(fallback);
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a URL: '" + value + "'; leave it unset to use " + fallback);
        }
        String s = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(s.equals(scheme) || s.equals(scheme + "s")) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be a " + scheme + ":// or " + scheme + "s:// URL, not '"
                    + value + "'; leave it unset to use " + fallback);
        }
        return value;
    }
}
