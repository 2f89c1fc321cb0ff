package dev.pincer.host.media;

import dev.pincer.host.channel.Inbound;
import dev.pincer.host.config.Config;
import dev.pincer.host.config.Layout;
import dev.pincer.host.outbox.ReplyQueue;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.StoredMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the files that come with a registered group's messages: fetched by the host through the
 * channel (capped at {@code PINCER_MAX_ATTACHMENT_MB}), stored content-addressed in the group's media
 * folder, which its sandbox sees read-only as {@code /workspace/group/inbox/<yyyy-mm>/<sha256 prefix>-<safe
 * name>}, and recorded with the message. Images get a scaled-down view, PDFs their text, voice notes a
 * transcript (when {@code PINCER_TRANSCRIBE_URL} is set). A file that cannot be kept is told in the
 * chat; nothing is stored half-way (a file is written aside and moved in whole).
 *
 * @param transcriber null when no transcription endpoint is configured
 * @param maxBytes    the largest file kept, in bytes ({@code PINCER_MAX_ATTACHMENT_MB})
 */
public record MediaIntake(AttachmentStore store, Layout layout, Fetcher fetcher, Transcriber transcriber, ReplyQueue notes,
                          long maxBytes) {

    private static final Logger log = LoggerFactory.getLogger(MediaIntake.class);

    /** Reads a file a channel received: {@code maxBytes + 1} bytes at most. */
    @FunctionalInterface
    public interface Fetcher {
        InputStream fetch(String chatJid, Inbound.Attachment attachment, long maxBytes) throws Exception;
    }

    /** The intake as the settings say: the size cap, and a transcriber when {@code PINCER_TRANSCRIBE_URL} is set. */
    public static MediaIntake of(Config.Media media, AttachmentStore store, Layout layout, Fetcher fetcher, ReplyQueue notes) {
        Transcriber transcriber = media.transcribeUrl() == null ? null
                : Transcriber.of(media.transcribeUrl(), media.transcribeModel(), media.transcribeKey());
        return new MediaIntake(store, layout, fetcher, transcriber, notes, media.maxAttachmentMb() * 1_048_576L);
    }

    /** Fetches and keeps every attachment of {@code message} on a thread of its own, then runs {@code then}. */
    public void receive(Group group, StoredMessage message, List<Inbound.Attachment> attachments, Runnable then) {
        Thread.ofVirtual().name("media-" + group.folder()).start(() -> {
            for (Inbound.Attachment a : attachments) {
                keep(group, message, a);
            }
            then.run();
        });
    }

    /** Fetches and keeps one attachment; returns what was recorded. */
    Attachment.Stored keep(Group group, StoredMessage message, Inbound.Attachment a) {
        Attachment.Stored stored;
        if (a.size() > maxBytes) {
            stored = refused(a.size());
        } else {
            try (InputStream in = fetcher.fetch(group.jid(), a, maxBytes)) {
                stored = keep(group.folder(), a, in);
            } catch (Exception e) {
                log.warn("cannot fetch {} of message {} in {}: {}", a.name(), message.id(), group.jid(), e.toString());
                stored = new Attachment.Stored(null, a.size(), null, null, "it could not be fetched (" + e.getMessage() + ")");
            }
        }
        store.add(group.jid(), group.folder(), a, stored, message.id());
        if (stored.problem() != null) {
            notes.send(group.jid(), "I could not take " + shown(a) + ": " + stored.problem() + ".", null);
        }
        return stored;
    }

    /** Keeps a file from {@code in} (a channel's download or a web upload). */
    public Attachment.Stored keep(String folder, Inbound.Attachment a, InputStream in) throws IOException {
        Path staging = Files.createDirectories(layout.dataDir().resolve("media-staging"));
        Path tmp = Files.createTempFile(staging, "in-", ".part");
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size;
            try (InputStream limited = new DigestInputStream(in, sha); var out = Files.newOutputStream(tmp)) {
                size = limited.transferTo(new CappedOutput(out, maxBytes));
            } catch (CappedOutput.TooLarge e) {
                return refused(e.size());
            }
            String hash = HexFormat.of().formatHex(sha.digest()).substring(0, 12);
            String month = YearMonth.now(ZoneOffset.UTC).toString();
            String name = hash + "-" + SafeNames.of(a.name(), a.kind().name().toLowerCase(Locale.ROOT));
            Path dir = monthDir(folder, month);
            Path file = dir.resolve(name);
            if (!Files.exists(file)) {
                // readable by the agent's uid (the staging file was made 0600); the inbox is read-only to it anyway
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return understood(a, dir, name, size);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * {@code inbox/<yyyy-mm>} of the group, made if missing. Its sandbox sees the inbox read-only, so
     * no agent made a link of it; the host checks anyway and writes nothing through a link.
     */
    private Path monthDir(String folder, String month) throws IOException {
        Path dir = layout.mediaDir(folder);
        for (Path p : java.util.List.of(dir, dir.resolve(month))) {
            if (Files.isSymbolicLink(p) || Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(p + " is not a plain folder; files for the group are not stored through it");
            }
            if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(p);
            }
        }
        return dir.resolve(month);
    }

    /** What the model is given of the stored file: a view of an image or a PDF, a transcript of audio. */
    private Attachment.Stored understood(Inbound.Attachment a, Path dir, String name, long size) {
        String path = dir.getFileName() + "/" + name; // relative to the media folder: <yyyy-mm>/<name>
        Path file = dir.resolve(name);
        String mime = a.mimeType() == null ? "" : a.mimeType().toLowerCase(Locale.ROOT);
        try {
            if (a.kind() == Inbound.Attachment.Kind.IMAGE || mime.startsWith("image/")) {
                Path view = dir.resolve(name + "-" + Derivatives.MAX_SIDE + ".jpg");
                boolean scaled = Files.exists(view) || Derivatives.scaleImage(file, mime, view);
                return new Attachment.Stored(path, size, scaled ? path + "-" + Derivatives.MAX_SIDE + ".jpg" : null, null, null);
            }
            if (mime.equals("application/pdf") || name.toLowerCase(Locale.ROOT).endsWith(".pdf")) {
                Path text = dir.resolve(name + ".txt");
                if (!Files.exists(text)) {
                    Derivatives.pdfText(file, text);
                }
                return new Attachment.Stored(path, size, path + ".txt", null, null);
            }
            if (a.kind() == Inbound.Attachment.Kind.VOICE || a.kind() == Inbound.Attachment.Kind.AUDIO) {
                return transcribed(a, file, new Attachment.Stored(path, size, null, null, null));
            }
        } catch (Derivatives.Unreadable e) {
            return new Attachment.Stored(path, size, null, null, e.getMessage());
        } catch (IOException e) {
            log.warn("cannot make a view of {}: {}", file, e.toString());
            return new Attachment.Stored(path, size, null, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Attachment.Stored(path, size, null, null, null);
    }

    /** With its transcript when a transcriber is set; a failed transcription is the file's problem (told in the chat). */
    private Attachment.Stored transcribed(Inbound.Attachment a, Path file, Attachment.Stored kept) throws InterruptedException {
        if (transcriber == null) {
            return kept;
        }
        try {
            return new Attachment.Stored(kept.path(), kept.size(), null, transcriber.transcribe(file, file.getFileName().toString(),
                    a.mimeType()), null);
        } catch (IOException e) {
            log.warn("cannot transcribe {}: {}", file, e.toString());
            return new Attachment.Stored(kept.path(), kept.size(), null, null, "it could not be transcribed (" + e.getMessage()
                    + "); the file is kept");
        }
    }

    private Attachment.Stored refused(long size) {
        return new Attachment.Stored(null, size, null, null, "it is " + mb(size) + ", larger than the limit of " + mb(maxBytes)
                + " (PINCER_MAX_ATTACHMENT_MB)");
    }

    private static String shown(Inbound.Attachment a) {
        return a.name() == null ? "the " + a.kind().name().toLowerCase(Locale.ROOT) : "\"" + a.name() + "\"";
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "of unknown size" : String.format(Locale.ROOT, "%.1f MB", bytes / 1_048_576.0);
    }
}
