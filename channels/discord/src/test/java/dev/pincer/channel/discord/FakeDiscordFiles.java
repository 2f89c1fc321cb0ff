package dev.pincer.channel.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The files side of the fake Discord: attachments people send, served like the CDN at
 * {@code /attachments/<channel>/<id>/<name>} (404 once expired), and the files the bot uploads with a
 * message ({@code multipart/form-data}: {@code payload_json} and {@code files[n]}, parsed here).
 */
public final class FakeDiscordFiles {

    /** A file the bot sent: to which channel, its name and bytes, and the message's content (or ""). */
    public record Upload(String channelId, String fileName, byte[] bytes, String content) {}

    /** A download the fake served: its path, and the {@code Authorization} it came with (null: none). */
    public record Download(String path, String authorization) {}

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<Upload> uploads = new CopyOnWriteArrayList<>();
    private final List<Download> downloads = new CopyOnWriteArrayList<>();

    public List<Upload> uploads() {
        return List.copyOf(uploads);
    }

    public List<Download> downloads() {
        return List.copyOf(downloads);
    }

    /** Keeps {@code bytes} at {@code path} (an attachment's path on the CDN). */
    void add(String path, byte[] bytes) {
        files.put(path, bytes);
    }

    /** The CDN forgets everything (signed links expire after about a day). */
    public void expireAll() {
        files.clear();
    }

    void download(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        downloads.add(new Download(path, x.getRequestHeaders().getFirst("Authorization")));
        byte[] bytes = files.get(path);
        if (bytes == null) {
            byte[] gone = "This content is no longer available.".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(404, gone.length);
            x.getResponseBody().write(gone);
            return;
        }
        x.getResponseHeaders().add("Content-Type", "application/octet-stream");
        x.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        } catch (IOException e) {
            // the client stopped reading (a capped download): fine
        }
    }

    /** A message with files: records each file; returns the {@code payload_json} (the message's JSON). */
    JsonNode upload(String channelId, String contentType, byte[] body) throws IOException {
        String boundary = contentType.replaceAll(".*boundary=\"?([^\";]+)\"?.*", "$1");
        JsonNode payload = DiscordJson.JSON.createObjectNode();
        List<String> names = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (byte[] part : parts(body, ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1))) {
            int headerEnd = indexOf(part, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
            String headers = new String(part, 0, headerEnd, StandardCharsets.UTF_8);
            byte[] content = Arrays.copyOfRange(part, headerEnd + 4, part.length - 2);
            String name = headers.replaceAll("(?s).*name=\"([^\"]*)\".*", "$1");
            if (name.equals("payload_json")) {
                payload = DiscordJson.JSON.readTree(content);
            } else if (headers.contains("filename=")) {
                names.add(headers.replaceAll("(?s).*filename=\"([^\"]*)\".*", "$1"));
                contents.add(content);
            }
        }
        for (int i = 0; i < names.size(); i++) {
            uploads.add(new Upload(channelId, names.get(i), contents.get(i), payload.path("content").asText("")));
        }
        return payload;
    }

    /** The parts between the boundaries, each from its headers to the CRLF before the next boundary. */
    private static List<byte[]> parts(byte[] body, byte[] boundary) {
        List<byte[]> out = new ArrayList<>();
        for (int at = indexOf(body, boundary, 0); at >= 0; ) {
            int start = at + boundary.length;
            int end = indexOf(body, boundary, start);
            if (end < 0 || body[start] == '-') {
                break;
            }
            out.add(Arrays.copyOfRange(body, start + 2, end));
            at = end;
        }
        return out;
    }

    private static int indexOf(byte[] data, byte[] what, int from) {
        for (int i = from; i <= data.length - what.length; i++) {
            if (Arrays.equals(data, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        return -1;
    }
}
