package dev.pincer.web;

import dev.pincer.host.config.Layout;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.media.Attachment;
import dev.pincer.host.media.AttachmentStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Files in the web chat. {@code POST /api/chats/{chat}/files?name=...} takes a file as the raw body
 * (its {@code Content-Type} says what it is) and answers an upload token a message then names in
 * {@code files}; {@code GET /api/attachments/{id}} serves a kept file: the common image types inline,
 * everything else as a download, never as a page the browser would run ({@code nosniff}, a sandboxing CSP).
 */
record FilesApi(Uploads uploads, AttachmentStore attachments, GroupRegistry groups, Layout layout) {

    /** Types a browser shows inline without running anything. */
    static final Set<String> INLINE = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

    Reply upload(Request r) throws IOException {
        MessagesApi.registeredChat(groups, r.param(0));
        String name = r.query().get("name");
        if (name == null || name.isBlank() || name.length() > 200) {
            throw HttpError.badRequest("give the file's name: POST /api/chats/{chat}/files?name=photo.jpg (1-200 characters)");
        }
        String type = r.exchange().getRequestHeaders().getFirst("Content-Type");
        String mime = type == null || type.isBlank() ? "application/octet-stream"
                : type.split(";")[0].strip().toLowerCase(Locale.ROOT);
        try { // the body stays open: the dispatcher drains what is left of it
            Uploads.Upload u = uploads.put(name.strip(), mime, r.exchange().getRequestBody());
            return Reply.json(201, Map.of("upload", u.token(), "name", u.name(), "type", u.mimeType(), "size", u.size()));
        } catch (Uploads.TooLarge e) {
            throw new HttpError(413, e.getMessage());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("storing the upload failed: " + e.getMessage(), e);
        }
    }

    Reply download(Request r) throws IOException {
        long id;
        try {
            id = Long.parseLong(r.param(0));
        } catch (NumberFormatException e) {
            throw HttpError.notFound("no attachment '" + HttpError.shown(r.param(0)) + "'");
        }
        Attachment a = attachments.byId(id).filter(Attachment::available)
                .orElseThrow(() -> HttpError.notFound("no attachment " + id + " (or it was not kept)"));
        String folder = attachments.folderOf(id).orElseThrow();
        Path root = layout.mediaDir(folder).toAbsolutePath().normalize();
        Path file = root.resolve(a.stored().path()).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw HttpError.notFound("attachment " + id + " is no longer in the group's media folder");
        }
        var h = r.exchange().getResponseHeaders();
        String mime = a.mimeType() == null ? "" : a.mimeType().toLowerCase(Locale.ROOT);
        boolean inline = INLINE.contains(mime);
        h.set("Content-Type", inline ? mime : "application/octet-stream");
        h.set("Content-Disposition", (inline ? "inline" : "attachment") + "; filename*=UTF-8''"
                + URLEncoder.encode(a.name() == null ? "file" : a.name(), StandardCharsets.UTF_8).replace("+", "%20"));
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Content-Security-Policy", "default-src 'none'; sandbox");
        h.set("Cache-Control", "private, max-age=3600");
        long size = Files.size(file);
        if (r.exchange().getRequestMethod().equals("HEAD")) {
            h.set("Content-Length", Long.toString(size));
            r.exchange().sendResponseHeaders(200, -1);
            return new Reply.Streamed();
        }
        r.exchange().sendResponseHeaders(200, size);
        try (OutputStream out = r.exchange().getResponseBody(); InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            in.transferTo(out);
        }
        return new Reply.Streamed();
    }
}
