package dev.pincer.channel.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The files side of {@link FakeSlack}: files people shared ({@code files.info}, and the download at
 * {@code /files-pri/...}, which like Slack answers a sign-in page without the bot token), and the
 * upload flow ({@code files.getUploadURLExternal}, the bytes posted to {@code /upload/v1/...},
 * {@code files.completeUploadExternal}).
 */
public final class FakeSlackFiles {

    /** A file the bot shared: its name, bytes, and where and with which message. */
    public record Shared(String fileId, String title, byte[] bytes, String channel, String threadTs, String comment) {}

    /** A download the fake was asked for: which path, with which {@code Authorization}, answered how. */
    public record Download(String path, String authorization, int status) {}

    private record Stored(String id, String name, String mime, byte[] bytes) {}

    private final Supplier<String> base;
    private final Predicate<String> channelExists;
    private final Map<String, Stored> files = new ConcurrentHashMap<>();
    private final Map<String, String> uploadNames = new ConcurrentHashMap<>();
    private final Map<String, byte[]> uploaded = new ConcurrentHashMap<>();
    private final List<Shared> shared = new CopyOnWriteArrayList<>();
    private final List<Download> downloads = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger(1);

    /**
     * @param base          the fake's origin ({@code http://127.0.0.1:port})
     * @param channelExists whether the bot may post in a channel
     */
    FakeSlackFiles(Supplier<String> base, Predicate<String> channelExists) {
        this.base = base;
        this.channelExists = channelExists;
    }

    /** A file someone shared, as a message event's {@code files} entry carries it (with its download URLs). */
    public ObjectNode add(String id, String name, String mime, byte[] bytes) {
        files.put(id, new Stored(id, name, mime, bytes));
        return describe(files.get(id));
    }

    /** The same file as Slack sends it when the bot must ask {@code files.info} ({@code file_access: check_file_info}). */
    public ObjectNode hidden(String id, String name, String mime, byte[] bytes) {
        files.put(id, new Stored(id, name, mime, bytes));
        return Json.MAPPER.createObjectNode().put("id", id).put("mode", "hidden_by_limit").put("file_access", "check_file_info");
    }

    /** Slack deletes the file: its download answers 404. */
    public void delete(String id) {
        files.remove(id);
    }

    public List<Shared> shared() {
        return List.copyOf(shared);
    }

    public List<Download> downloads() {
        return List.copyOf(downloads);
    }

    private ObjectNode describe(Stored s) {
        String path = base.get() + "/files-pri/T1-" + s.id() + "/";
        return Json.MAPPER.createObjectNode().put("id", s.id()).put("name", s.name()).put("title", s.name())
                .put("mimetype", s.mime()).put("size", s.bytes().length).put("url_private", path + s.name())
                .put("url_private_download", path + "download/" + s.name());
    }

    /** A Web API method of the files family, or null when it is none of them. */
    JsonNode answer(String method, Map<String, String> p) {
        ObjectNode ok = Json.MAPPER.createObjectNode().put("ok", true);
        switch (method) {
            case "files.info" -> {
                Stored s = files.get(p.getOrDefault("file", ""));
                if (s == null) {
                    return error("file_not_found");
                }
                ok.set("file", describe(s));
            }
            case "files.getUploadURLExternal" -> {
                String id = "FUP" + next.getAndIncrement();
                uploadNames.put(id, p.getOrDefault("filename", ""));
                ok.put("upload_url", base.get() + "/upload/v1/" + UUID.randomUUID() + "?id=" + id).put("file_id", id);
            }
            case "files.completeUploadExternal" -> {
                String channel = p.getOrDefault("channel_id", "");
                if (!channelExists.test(channel)) {
                    return error("channel_not_found");
                }
                try {
                    for (JsonNode f : Json.MAPPER.readTree(p.getOrDefault("files", "[]"))) {
                        String id = f.path("id").asText();
                        byte[] bytes = uploaded.get(id);
                        if (bytes == null) {
                            return error("file_not_found");
                        }
                        shared.add(new Shared(id, f.path("title").asText(uploadNames.get(id)), bytes, channel,
                                p.get("thread_ts"), p.get("initial_comment")));
                        ok.putArray("files").addObject().put("id", id).put("title", f.path("title").asText());
                    }
                } catch (IOException e) {
                    return error("invalid_arguments");
                }
            }
            default -> {
                return null;
            }
        }
        return ok;
    }

    private static ObjectNode error(String error) {
        return Json.MAPPER.createObjectNode().put("ok", false).put("error", error);
    }

    /** {@code GET /files-pri/T1-<id>/...}: the bytes with the bot token, a sign-in page without it, 404 when deleted. */
    void download(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        Stored s = files.get(path.replaceAll("^/files-pri/T1-([^/]+)/.*", "$1"));
        int status = s == null ? 404 : 200;
        downloads.add(new Download(path, auth, status));
        if (s == null) {
            ex.sendResponseHeaders(404, -1);
            return;
        }
        boolean signedIn = ("Bearer " + FakeSlack.BOT_TOKEN).equals(auth);
        byte[] body = signedIn ? s.bytes() : "<!DOCTYPE html><html><body>Sign in to Slack</body></html>".getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", signedIn ? s.mime() : "text/html; charset=utf-8");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        } catch (IOException e) {
            // the client stopped reading (a capped download): fine
        }
    }

    /** {@code POST /upload/v1/...?id=<file id>}: the raw bytes of a file being uploaded. */
    void upload(HttpExchange ex) throws IOException {
        String id = ex.getRequestURI().getQuery().replaceAll(".*id=([^&]+).*", "$1");
        byte[] bytes = ex.getRequestBody().readAllBytes();
        if (!uploadNames.containsKey(id)) {
            ex.sendResponseHeaders(404, -1);
            return;
        }
        uploaded.put(id, bytes);
        byte[] ok = ("OK - " + bytes.length).getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, ok.length);
        ex.getResponseBody().write(ok);
    }
}
