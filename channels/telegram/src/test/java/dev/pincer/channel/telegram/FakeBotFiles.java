package dev.pincer.channel.telegram;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The files side of {@link FakeBotApi}: files people sent (by {@code file_id}, {@code getFile} and
 * the download at {@code /file/bot<token>/<file_path>}), and the files bots upload with
 * {@code sendPhoto}/{@code sendDocument} ({@code multipart/form-data}, parsed here).
 */
public final class FakeBotFiles {

    /** A file the bot sent: by which bot, how, its name and bytes, and the form's other fields. */
    public record Upload(String token, String method, String fileName, byte[] bytes, Map<String, String> fields) {}

    /** A download the fake served: by which token, which path, how many bytes it had. */
    public record Download(String token, String path, int size) {}

    private record Stored(String path, byte[] bytes) {}

    private final Map<String, Stored> files = new ConcurrentHashMap<>();
    private final List<Upload> uploads = new CopyOnWriteArrayList<>();
    private final List<Download> downloads = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger(1);

    /** A file Telegram keeps under {@code fileId}; returns it (for a message's {@code photo}/{@code document}). */
    public String add(String fileId, String extension, byte[] bytes) {
        files.put(fileId, new Stored("documents/file_" + next.getAndIncrement() + "." + extension, bytes));
        return fileId;
    }

    /** Telegram forgets the file's content (its download then answers 404); {@code getFile} still names it. */
    public void expire(String fileId) {
        Stored s = files.get(fileId);
        files.put(fileId, new Stored(s.path(), null));
    }

    public List<Upload> uploads() {
        return List.copyOf(uploads);
    }

    public List<Download> downloads() {
        return List.copyOf(downloads);
    }

    /** {@code getFile}: the file's path, or null when the id is unknown. */
    ObjectNode describe(String fileId) {
        Stored s = files.get(fileId);
        if (s == null) {
            return null;
        }
        return FakeBotApi.JSON.createObjectNode().put("file_id", fileId).put("file_unique_id", "u" + fileId)
                .put("file_size", s.bytes() == null ? 0 : s.bytes().length).put("file_path", s.path());
    }

    /** {@code GET /file/bot<token>/<path>}; writes the file, or 404. */
    void download(HttpExchange ex, String token, String path) throws IOException {
        Stored s = files.values().stream().filter(f -> f.path().equals(path) && f.bytes() != null).findFirst().orElse(null);
        downloads.add(new Download(token, path, s == null ? -1 : s.bytes().length));
        if (s == null) {
            ex.sendResponseHeaders(404, -1);
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        ex.sendResponseHeaders(200, s.bytes().length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(s.bytes());
        } catch (IOException e) {
            // the client stopped reading (a capped download): fine
        }
    }

    /** Records an upload; returns the form's text fields as a call body. */
    ObjectNode upload(String token, String method, String contentType, byte[] body) {
        ObjectNode fields = FakeBotApi.JSON.createObjectNode();
        String boundary = contentType.replaceAll(".*boundary=\"?([^\";]+)\"?.*", "$1");
        String fileName = null;
        byte[] file = null;
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        for (byte[] part : split(body, ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1))) {
            int headerEnd = indexOf(part, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
            String headers = new String(part, 0, headerEnd, StandardCharsets.UTF_8);
            byte[] content = Arrays.copyOfRange(part, headerEnd + 4, part.length - 2); // without the CRLF before the boundary
            String name = headers.replaceAll("(?s).*name=\"([^\"]*)\".*", "$1");
            if (headers.contains("filename=")) {
                fileName = headers.replaceAll("(?s).*filename=\"([^\"]*)\".*", "$1");
                file = content;
            } else {
                String value = new String(content, StandardCharsets.UTF_8);
                texts.put(name, value);
                fields.put(name, value);
            }
        }
        uploads.add(new Upload(token, method, fileName, file, Map.copyOf(texts)));
        return fields;
    }

    /** The parts between the boundaries (the preamble and the closing {@code --} left out). */
    private static List<byte[]> split(byte[] body, byte[] boundary) {
        List<byte[]> parts = new java.util.ArrayList<>();
        int at = indexOf(body, boundary, 0);
        while (at >= 0) {
            int start = at + boundary.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                break;
            }
            int end = indexOf(body, boundary, start);
            if (end < 0) {
                break;
            }
            parts.add(Arrays.copyOfRange(body, start + 2, end)); // after the CRLF that ends the boundary line
            at = end;
        }
        return parts;
    }

    private static int indexOf(byte[] data, byte[] what, int from) {
        outer:
        for (int i = from; i <= data.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (data[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
