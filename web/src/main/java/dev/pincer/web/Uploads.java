package dev.pincer.web;

import dev.pincer.host.media.CappedOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Files posted to the web chat ({@code POST /api/chats/{chat}/files}) until the message that carries
 * them is sent: each under a random token in {@code data/web-uploads}, with its name and type beside
 * it. The host fetches one through the {@link WebChannel} like any channel's attachment, and the
 * upload is gone once fetched; uploads no message claimed are dropped after an hour.
 */
final class Uploads {

    static final Duration KEEP = Duration.ofHours(1);
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** An upload waiting for its message. */
    record Upload(String token, String name, String mimeType, long size) {
        /** Never the token: whoever has it may attach the file to a message. */
        @Override
        public String toString() {
            return "Upload[token=****, name=" + name + ", mimeType=" + mimeType + ", size=" + size + "]";
        }
    }

    /** More than the limit was sent. */
    static final class TooLarge extends Exception {
        TooLarge(long max) {
            super("the file is larger than the limit of " + max / 1_048_576 + " MB (PINCER_MAX_ATTACHMENT_MB)");
        }
    }

    private final Path dir;
    private final long maxBytes;

    /** Where the uploads of the Pincer home of {@code config} wait, and their limit ({@code PINCER_MAX_ATTACHMENT_MB}). */
    static Uploads of(dev.pincer.host.config.Config config) {
        return new Uploads(config.layout().dataDir().resolve("web-uploads"), config.assistant().media().maxAttachmentMb() * 1_048_576L);
    }

    Uploads(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
    }

    /** Stores {@code body} (at most the limit) as a new upload. */
    Upload put(String name, String mimeType, InputStream body) throws IOException, TooLarge {
        dropOld();
        Files.createDirectories(dir);
        String token = UUID.randomUUID().toString();
        Path tmp = Files.createTempFile(dir, "up-", ".part");
        try {
            long size;
            try (var out = Files.newOutputStream(tmp)) {
                size = body.transferTo(new CappedOutput(out, maxBytes));
            } catch (CappedOutput.TooLarge e) {
                throw new TooLarge(maxBytes);
            }
            Files.writeString(dir.resolve(token + ".meta"), mimeType + "\n" + name);
            Files.move(tmp, dir.resolve(token), StandardCopyOption.ATOMIC_MOVE);
            return new Upload(token, name, mimeType, size);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The upload with this token, if it is (still) there. */
    Optional<Upload> find(String token) throws IOException {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        Path file = dir.resolve(token);
        Path meta = dir.resolve(token + ".meta");
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(meta, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(meta);
        return Optional.of(new Upload(token, lines.size() > 1 ? lines.get(1) : "file", lines.getFirst(), Files.size(file)));
    }

    /** Opens an upload for the host to keep; it is removed when the stream is closed. */
    InputStream take(String token) throws IOException {
        Upload u = find(token).orElseThrow(() -> new IOException("the upload " + token + " is gone (uploads are kept an hour)"));
        Path file = dir.resolve(u.token());
        InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                super.close();
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir.resolve(u.token() + ".meta"));
            }
        };
    }

    private void dropOld() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Instant cutoff = Instant.now().minus(KEEP);
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir)) {
            for (Path p : all) {
                if (Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
