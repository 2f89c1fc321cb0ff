package dev.pincer.channel.whatsapp.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.host.channel.CappedInput;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The calls the channel makes to the Graph API ({@code {graph}/{phone-number-id}/...}), each with the
 * token as {@code Authorization: Bearer}. An error answer becomes what {@link GraphErrors} says; when
 * the API cannot be used at all (unreachable, 5xx, token refused) {@code down} is told why first.
 * Redirects are never followed, so the token goes nowhere but where it was sent.
 */
public final class GraphApi {

    /** What the Graph API says about an uploaded or received file. */
    public record Media(URI url, String mimeType, long size) {}

    /** The business phone number the settings name. */
    public record PhoneNumber(String display, String verifiedName) {}

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI base;
    private final String token;
    private final String phoneNumberId;
    private final Consumer<String> down;

    /** @param down told why, when a call shows the API cannot be used right now */
    public GraphApi(URI base, String token, String phoneNumberId, Consumer<String> down) {
        this.base = base;
        this.token = token;
        this.phoneNumberId = phoneNumberId;
        this.down = down;
    }

    /** {@code GET {graph}/{phone-number-id}}: the token works for this number. */
    public PhoneNumber phoneNumber() throws Exception {
        JsonNode n = call(get("/" + phoneNumberId + "?fields=display_phone_number,verified_name"), "tell its phone number");
        return new PhoneNumber(n.path("display_phone_number").asText(phoneNumberId), n.path("verified_name").asText(""));
    }

    /** {@code POST {graph}/{phone-number-id}/messages}; returns the sent message's id (a wamid). */
    public String send(ObjectNode message) throws Exception {
        message.put("messaging_product", "whatsapp");
        JsonNode n = call(postJson("/" + phoneNumberId + "/messages", message), "send a message");
        String id = n.path("messages").path(0).path("id").asText("");
        if (id.isEmpty()) {
            throw new GraphException("WhatsApp accepted a message but gave no message id: " + GraphErrors.abbreviate(n.toString()), false);
        }
        return id;
    }

    /** Marks a received message read (the two blue ticks). */
    public void markRead(String messageId) throws Exception {
        ObjectNode read = Json.MAPPER.createObjectNode().put("messaging_product", "whatsapp").put("status", "read")
                .put("message_id", messageId);
        call(postJson("/" + phoneNumberId + "/messages", read), "mark a message read");
    }

    /** {@code POST {graph}/{phone-number-id}/media}: uploads a file; returns its media id. */
    public String upload(Path file, String fileName, String mimeType) throws Exception {
        Multipart body = new Multipart().field("messaging_product", "whatsapp").field("type", mimeType)
                .file("file", file, fileName, mimeType);
        HttpRequest r = request("/" + phoneNumberId + "/media").timeout(UPLOAD_TIMEOUT)
                .header("Content-Type", body.contentType()).POST(body.body()).build();
        String id = call(r, "take the file " + fileName).path("id").asText("");
        if (id.isEmpty()) {
            throw new GraphException("WhatsApp took the file " + fileName + " but gave no media id", false);
        }
        return id;
    }

    /** {@code GET {graph}/{media-id}}: where a received file can be downloaded (the URL is valid for minutes). */
    public Media media(String mediaId) throws Exception {
        if (!mediaId.matches("[0-9A-Za-z_.-]{1,100}")) {
            throw new IllegalArgumentException("'" + mediaId + "' is not a WhatsApp media id");
        }
        JsonNode n = call(get("/" + mediaId), "tell where the file " + mediaId + " is");
        String url = n.path("url").asText("");
        if (url.isEmpty()) {
            throw new GraphException("WhatsApp gave no download URL for the file " + mediaId, false);
        }
        return new Media(URI.create(url), n.path("mime_type").asText(null), n.path("file_size").asLong(-1));
    }

    /**
     * Downloads a received file with the token; the stream ends after at most {@code maxBytes + 1}
     * bytes, so the caller can tell the file is too large. Only https URLs, or the Graph API's own
     * origin (a local test server), get the token.
     */
    public InputStream download(URI url, long maxBytes) throws Exception {
        boolean sameOrigin = base.getScheme().equals(url.getScheme()) && base.getHost().equalsIgnoreCase(url.getHost())
                && base.getPort() == url.getPort();
        if (!"https".equals(url.getScheme()) && !sameOrigin) {
            throw new GraphException("WhatsApp named a download URL that is not https (" + url.getScheme() + "://" + url.getHost()
                    + "); the token is not sent there", false);
        }
        HttpRequest r = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .GET().build();
        HttpResponse<InputStream> response = exchange(r, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
            }
            throw failure(response, body, "hand out a file");
        }
        return CappedInput.of(response.body(), maxBytes);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(CALL_TIMEOUT).header("Authorization", "Bearer " + token);
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest postJson(String path, JsonNode body) {
        return request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private JsonNode call(HttpRequest r, String doing) throws Exception {
        HttpResponse<String> response = exchange(r, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw failure(response, response.body(), doing);
        }
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new GraphException("WhatsApp answered " + doing + " with something that is not JSON: "
                    + GraphErrors.abbreviate(response.body()), false);
        }
    }

    private <T> HttpResponse<T> exchange(HttpRequest r, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        try {
            return http.send(r, handler);
        } catch (IOException e) {
            String why = "cannot reach the WhatsApp Cloud API at " + base + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
            down.accept(why);
            throw new GraphException(why, true);
        }
    }

    private Exception failure(HttpResponse<?> response, String body, String doing) {
        Exception e = GraphErrors.of(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null), body, doing);
        if (e instanceof GraphException g && g.serviceDown()) {
            down.accept(g.getMessage());
        }
        return e;
    }
}
