package dev.pincer.channel.slack;

import dev.pincer.host.channel.CappedInput;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.OutgoingFile;
import dev.pincer.host.channel.RateLimited;
import dev.pincer.host.channel.Undeliverable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * Files in and out of Slack. In: a file's {@code url_private_download} (from the event, or from
 * {@code files.info} when the event named only the file's id), downloaded by the host with the bot
 * token as {@code Authorization: Bearer} and read up to {@code maxBytes + 1} bytes. Out:
 * {@code files.getUploadURLExternal}, the bytes posted to the upload address it gives, then
 * {@code files.completeUploadExternal} shares the file in the chat (and thread) with the caption as
 * its message ({@code files.upload} is retired). The token and the files go only to https addresses
 * at {@code slack.com} (or to {@code SLACK_API_URL}'s own origin, which tests use); redirects are not followed.
 */
final class SlackFiles {

    /** Slack's largest file. */
    static final long MAX_UPLOAD = 1L << 30;
    private static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(5);

    private final SlackApi api;
    private final String token;
    private final URI apiBase;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    SlackFiles(SlackApi api, SlackSettings settings) {
        this.api = api;
        this.token = settings.botToken();
        this.apiBase = URI.create(settings.apiUrl());
    }

    /** A received file, cut off after {@code maxBytes + 1} bytes. */
    InputStream fetch(Inbound.Attachment attachment, long maxBytes) throws Exception {
        String handle = attachment.fileId();
        if (handle == null || handle.isBlank()) {
            throw new IOException("the file came without a Slack file id");
        }
        URI url = slackAddress(handle.startsWith("https://") || handle.startsWith("http://") ? handle : api.fileUrl(handle),
                "download a file from");
        HttpRequest r = HttpRequest.newBuilder(url).timeout(TRANSFER_TIMEOUT).header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<InputStream> response = exchange(r, HttpResponse.BodyHandlers.ofInputStream(), "download the file");
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (status == 200 && type.startsWith("text/html") && !"text/html".equals(attachment.mimeType())) {
            response.body().close();
            throw new IOException("Slack answered with a sign-in page instead of the file: the app needs the files:read scope"
                    + " (add it under OAuth & Permissions and reinstall the app)");
        }
        if (status != 200) {
            response.body().close();
            throw failure(status, response, "the download of the file");
        }
        return CappedInput.of(response.body(), maxBytes);
    }

    /**
     * Uploads the file and shares it in {@code channel}.
     *
     * @param threadTs the thread, or null
     * @param comment  the message that goes with it (mrkdwn), or null
     */
    void send(OutgoingFile file, String channel, String threadTs, String comment) throws Exception {
        OutgoingFile.FileRef ref = file.file();
        if (ref.size() > MAX_UPLOAD) {
            throw new Undeliverable(String.format(Locale.ROOT, "Slack takes files of up to 1 GB; \"%s\" is %.1f GB", ref.name(),
                    ref.size() / (double) (1L << 30)));
        }
        SlackApi.Upload upload = api.uploadUrl(ref.name(), ref.size());
        HttpRequest r = HttpRequest.newBuilder(slackAddress(upload.url(), "upload a file to")).timeout(TRANSFER_TIMEOUT)
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofFile(ref.path())).build();
        HttpResponse<String> response = exchange(r, HttpResponse.BodyHandlers.ofString(), "upload the file");
        if (response.statusCode() == 413) {
            throw new Undeliverable("Slack refused \"" + ref.name() + "\" as too large (HTTP 413)");
        }
        if (response.statusCode() != 200) {
            throw failure(response.statusCode(), response, "the upload of " + ref.name());
        }
        api.share(upload, ref.name(), channel, threadTs, comment);
    }

    /** {@code address} when it is Slack's (https at slack.com, or the configured API's own origin); else refused. */
    private URI slackAddress(String address, String doing) throws IOException {
        URI url;
        try {
            url = URI.create(address);
        } catch (IllegalArgumentException e) {
            throw new IOException("Slack gave an address that is not a URL; cannot " + doing + " it");
        }
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        boolean slack = "https".equals(url.getScheme()) && (host.equals("slack.com") || host.endsWith(".slack.com"));
        boolean configured = apiBase.getScheme().equals(url.getScheme()) && apiBase.getHost().equalsIgnoreCase(host)
                && apiBase.getPort() == url.getPort();
        if (!slack && !configured) {
            throw new IOException("Slack named " + url.getScheme() + "://" + host + ", which is not Slack's; Pincer does not "
                    + doing + " it");
        }
        return url;
    }

    private <T> HttpResponse<T> exchange(HttpRequest r, HttpResponse.BodyHandler<T> handler, String doing) throws IOException,
            InterruptedException {
        try {
            return http.send(r, handler);
        } catch (IOException e) {
            throw new IOException("cannot " + doing + " at " + r.uri().getHost() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    private static Exception failure(int status, HttpResponse<?> response, String what) {
        return switch (status) {
            case 429 -> new RateLimited(response.headers().firstValue("Retry-After").map(SlackFiles::seconds).orElse(null),
                    "Slack rate limit on " + what);
            case 404, 410 -> new IOException("Slack no longer has the file (HTTP " + status + "): it was deleted, or it never"
                    + " was shared with the bot");
            case 401, 403 -> new IOException("Slack refused " + what + " (HTTP " + status + "): the app needs the files:read"
                    + " and files:write scopes (add them under OAuth & Permissions and reinstall the app)");
            default -> new IOException("Slack answered " + what + " with HTTP " + status
                    + (status / 100 == 3 ? " (a redirect, not followed)" : ""));
        };
    }

    private static Duration seconds(String value) {
        try {
            return Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
