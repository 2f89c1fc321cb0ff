package dev.pincer.channel.discord;

import dev.pincer.host.channel.CappedInput;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.RateLimited;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * Downloads the files people send: an attachment's CDN address (signed by Discord, valid for about a
 * day) fetched by the host without credentials and read up to {@code maxBytes + 1} bytes. Only
 * https addresses of Discord's own hosts ({@code cdn.discordapp.com}, {@code media.discordapp.net},
 * ...) or of {@code DISCORD_API_URL}'s origin (tests) are fetched, and redirects are not followed.
 */
final class DiscordFiles {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final URI apiBase;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    DiscordFiles(DiscordSettings settings) {
        this.apiBase = URI.create(settings.apiUrl());
    }

    InputStream fetch(Inbound.Attachment attachment, long maxBytes) throws Exception {
        URI url = discordAddress(attachment.fileId());
        HttpRequest r = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(r, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IOException("cannot download the file from " + url.getHost() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        int status = response.statusCode();
        if (status == 200) {
            return CappedInput.of(response.body(), maxBytes);
        }
        response.body().close();
        throw switch (status) {
            case 429 -> new RateLimited(response.headers().firstValue("Retry-After").map(DiscordFiles::seconds).orElse(null),
                    "Discord's CDN asks to slow down");
            case 403, 404, 410 -> new IOException("Discord no longer serves the file (HTTP " + status + "): it was deleted or"
                    + " its link expired; ask for it to be sent again");
            default -> new IOException("Discord's CDN answered the download with HTTP " + status
                    + (status / 100 == 3 ? " (a redirect, not followed)" : ""));
        };
    }

    /** The attachment's address, when it is Discord's (or the configured API's origin); else refused. */
    private URI discordAddress(String address) throws IOException {
        if (address == null || address.isBlank()) {
            throw new IOException("the file came without a Discord address");
        }
        URI url;
        try {
            url = URI.create(address);
        } catch (IllegalArgumentException e) {
            throw new IOException("the file's Discord address is not a URL");
        }
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        boolean discord = "https".equals(url.getScheme()) && (host.endsWith(".discordapp.com") || host.endsWith(".discordapp.net")
                || host.equals("discord.com") || host.endsWith(".discord.com"));
        boolean configured = apiBase.getScheme().equals(url.getScheme()) && apiBase.getHost().equalsIgnoreCase(host)
                && apiBase.getPort() == url.getPort();
        if (!discord && !configured) {
            throw new IOException("the file's address " + url.getScheme() + "://" + host + " is not Discord's; it is not fetched");
        }
        return url;
    }

    private static Duration seconds(String value) {
        try {
            return Duration.ofMillis((long) (Double.parseDouble(value.strip()) * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
