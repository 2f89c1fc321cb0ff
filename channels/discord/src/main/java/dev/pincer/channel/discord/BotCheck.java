package dev.pincer.channel.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code doctor}'s check of the settings: asks the REST API who the token belongs to
 * ({@code GET users/@me}), without starting a gateway session.
 */
final class BotCheck {
    private BotCheck() {}

    static final Duration TIMEOUT = Duration.ofSeconds(8);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** "bot NAME#ID accepted", or an exception saying what is wrong. */
    static String check(DiscordSettings settings) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.apiUrl() + "users/@me"))
                .header("Authorization", "Bot " + settings.token())
                .header("User-Agent", "DiscordBot (https://github.com/discord-jda/JDA, Pincer)")
                .timeout(TIMEOUT).GET().build();
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("cannot reach the Discord API at " + settings.apiUrl() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        return switch (response.statusCode()) {
            case 200 -> {
                JsonNode me = JSON.readTree(response.body());
                yield "bot " + me.path("username").asText("?") + "#" + me.path("id").asText("?") + " accepted";
            }
            case 401 -> throw new IOException(DiscordSettings.tokenRefused("401"));
            case 429 -> throw new IOException("Discord asks to slow down (429); try again in "
                    + response.headers().firstValue("Retry-After").orElse("a few") + " s");
            default -> throw new IOException("Discord answered HTTP " + response.statusCode() + " to GET users/@me");
        };
    }
}
