package dev.pincer.host.media;

import dev.pincer.host.channel.Inbound;
import dev.pincer.host.config.Layout;
import dev.pincer.host.store.OutboxStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLConnection;
import java.nio.file.Files;
import java.util.Locale;

/**
 * The files the agent sends ({@code send_file}): read from the sandbox's view of the group's folder
 * through {@link SandboxFiles}, then kept in the group's media folder like a file that came in, so a
 * retry sends the same bytes whatever the agent does to its copy, and the chat's history shows it.
 */
public final class OutgoingFiles {

    private final SandboxFiles files;
    private final MediaIntake intake;
    private final Layout layout;
    private final long maxBytes;

    public OutgoingFiles(Layout layout, MediaIntake intake) {
        this.files = new SandboxFiles(layout);
        this.intake = intake;
        this.layout = layout;
        this.maxBytes = intake.maxBytes();
    }

    /** Reads and keeps the file at {@code sandboxPath} of group {@code folder}; the row to queue it with. */
    public OutboxStore.FileRow keep(String folder, String sandboxPath) throws SandboxFiles.Refused, IOException {
        SandboxFiles.Read read = files.copy(folder, sandboxPath, maxBytes, layout.dataDir().resolve("media-staging"));
        try (InputStream in = Files.newInputStream(read.copy())) {
            String name = nameOf(sandboxPath);
            String mime = mimeOf(name);
            Inbound.Attachment.Kind kind = mime.startsWith("image/") ? Inbound.Attachment.Kind.IMAGE : Inbound.Attachment.Kind.DOCUMENT;
            Attachment.Stored stored = intake.keep(folder, new Inbound.Attachment(kind, name, mime, read.size(), null), in);
            if (stored.path() == null) {
                throw new SandboxFiles.Refused(stored.problem());
            }
            return new OutboxStore.FileRow(folder, stored.path(), name, mime, read.size());
        } finally {
            Files.deleteIfExists(read.copy());
        }
    }

    private static String nameOf(String sandboxPath) {
        String p = sandboxPath.strip();
        String name = p.substring(p.lastIndexOf('/') + 1);
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }

    /** The type by the file's extension; {@code application/octet-stream} when unknown. */
    static String mimeOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".webp")) {
            return "image/webp";
        }
        if (lower.endsWith(".md")) {
            return "text/markdown";
        }
        String guess = URLConnection.getFileNameMap().getContentTypeFor(lower);
        return guess == null ? "application/octet-stream" : guess;
    }
}
