package dev.pincer.agent.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pincer.agent.Log;
import dev.pincer.agent.llm.ChatMessage;
import dev.pincer.agent.media.PromptFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A session's conversation, kept in memory and appended to {@code <sessions>/<id>.jsonl} one
 * message per line as each message completes. Consecutive messages of one role are merged in
 * memory (the file keeps both lines; loading merges them the same way).
 *
 * <p>A turn that was answered becomes the restore point ({@link #checkpoint()}: a copy,
 * {@code <id>.jsonl.done}, replaced atomically). A turn that failed, or one cut off by a crash or a
 * kill, is taken back out: {@link #rollback()} in the running agent, and {@link #open} of a
 * session whose file goes beyond its restore point. So the messages of an unanswered turn are never
 * in the conversation twice when the host gives them again.
 *
 * <p>Images and documents are kept by reference to their file and read again on loading
 * ({@link StoredMedia}).
 */
public final class Transcript {
    private static final Log LOG = Log.named("session");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final String sessionId;
    private final Path file;
    private final ObjectMapper mapper;
    private final PromptFiles files;
    private final List<ChatMessage> messages;

    private Transcript(String sessionId, Path file, ObjectMapper mapper, PromptFiles files, List<ChatMessage> messages) {
        this.sessionId = sessionId;
        this.file = file;
        this.mapper = mapper;
        this.files = files;
        this.messages = messages;
    }

    /** Whether {@code id} may name a transcript file (no separators, no dots, no traversal). */
    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * Resumes {@code requestedId} when it is valid and its transcript exists, else starts a new
     * session with a fresh UUID. Creates {@code sessionsDir} when missing.
     *
     * @param files reads the images and documents of a resumed conversation again
     */
    public static Transcript open(Path sessionsDir, String requestedId, ObjectMapper mapper, PromptFiles files)
            throws IOException {
        Files.createDirectories(sessionsDir);
        if (requestedId != null && !validId(requestedId)) {
            LOG.warn("ignoring invalid session id %s; starting a new session", quoted(requestedId));
        } else if (requestedId != null) {
            Path file = sessionsDir.resolve(requestedId + ".jsonl");
            restore(file);
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                List<ChatMessage> loaded = TranscriptSanitizer.sanitize(load(file, mapper, files));
                LOG.info("resumed session %s with %d messages", requestedId, loaded.size());
                return new Transcript(requestedId, file, mapper, files, new ArrayList<>(loaded));
            } else {
                LOG.warn("no transcript for session %s; starting a new session", requestedId);
            }
        }
        String id = UUID.randomUUID().toString();
        return new Transcript(id, sessionsDir.resolve(id + ".jsonl"), mapper, files, new ArrayList<>());
    }

    /** The restore point of a transcript file: its state after the last answered turn. */
    static Path restorePoint(Path file) {
        return file.resolveSibling(file.getFileName() + ".done");
    }

    /** Puts the restore point back when the file differs from it (a turn was cut off). */
    private static void restore(Path file) throws IOException {
        Path done = restorePoint(file);
        if (!Files.isRegularFile(done, LinkOption.NOFOLLOW_LINKS)) {
            return; // no answered turn yet (or a session from before restore points): keep what is there
        }
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.mismatch(file, done) == -1) {
            return;
        }
        LOG.warn("session %s has a turn that was never answered; going back to its last answered turn",
                file.getFileName());
        copyAtomically(done, file);
    }

    private static void copyAtomically(Path from, Path to) throws IOException {
        Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
        Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
        Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The conversation as it is now is answered: it becomes the restore point. */
    public void checkpoint() throws IOException {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            copyAtomically(file, restorePoint(file));
        }
    }

    /**
     * Takes back everything since the last restore point (all of it when there is none), in the
     * file and in memory.
     */
    public void rollback() throws IOException {
        Path done = restorePoint(file);
        if (Files.isRegularFile(done, LinkOption.NOFOLLOW_LINKS)) {
            copyAtomically(done, file);
            messages.clear();
            messages.addAll(TranscriptSanitizer.sanitize(load(file, mapper, files)));
        } else {
            Files.deleteIfExists(file);
            messages.clear();
        }
    }

    private static List<ChatMessage> load(Path file, ObjectMapper mapper, PromptFiles files) throws IOException {
        List<ChatMessage> list = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                list.add(StoredMedia.message(line, mapper, files));
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("transcript %s line %d is unreadable (%s); keeping the %d messages before it",
                        file.getFileName(), lineNo, e.getMessage(), list.size());
                break;
            }
        }
        return list;
    }

    public String sessionId() {
        return sessionId;
    }

    public Path file() {
        return file;
    }

    /** The conversation so far (read-only view). */
    public List<ChatMessage> messages() {
        return Collections.unmodifiableList(messages);
    }

    /** Adds a message and appends it to the file. */
    public void append(ChatMessage message) throws IOException {
        if (message.content().isEmpty()) {
            return;
        }
        String line = StoredMedia.line(message, mapper) + "\n";
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        if (!messages.isEmpty() && messages.getLast().role().equals(message.role())) {
            messages.set(messages.size() - 1, messages.getLast().merge(message));
        } else {
            messages.add(message);
        }
    }

    /**
     * Replaces the whole conversation (after a compaction): the new file is written beside the old
     * one and moved over it atomically, so a crash leaves either the old or the new transcript.
     */
    public void replace(List<ChatMessage> conversation) throws IOException {
        List<ChatMessage> valid = TranscriptSanitizer.sanitize(conversation);
        if (valid.size() != conversation.size()) {
            throw new IllegalArgumentException("the replacement conversation is not valid: kept " + valid.size()
                    + " of " + conversation.size() + " messages");
        }
        StringBuilder sb = new StringBuilder();
        for (ChatMessage m : valid) {
            sb.append(StoredMedia.line(m, mapper)).append('\n');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        messages.clear();
        messages.addAll(valid);
    }

    private static String quoted(String s) {
        return "'" + (s.length() > 80 ? s.substring(0, 80) + "..." : s) + "'";
    }
}
