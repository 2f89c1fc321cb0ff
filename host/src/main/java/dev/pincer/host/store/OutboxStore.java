package dev.pincer.host.store;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Replies waiting to be delivered. Delivery records the reply as an assistant message of the chat. */
public final class OutboxStore {

    /**
     * A reply waiting for its channel.
     *
     * @param body      what it says, who says it, and the file it carries
     * @param replyTo   what it answers (the triggering message), so it stays in its thread; null for none
     * @param progress  how many of its parts the channel took already, and how many attempts failed
     */
    public record Pending(long id, String chatJid, Body body, ReplyTo replyTo, Progress progress) {
        public String text() {
            return body.text();
        }

        public String sender() {
            return body.sender();
        }

        public int attempts() {
            return progress.attempts();
        }
    }

    /**
     * @param text   the text, or a file's caption ("" for none)
     * @param sender the role name shown as the sender, or null for the assistant's
     * @param file   the file it sends, or null for a text reply
     */
    public record Body(String text, String sender, FileRow file) {}

    /**
     * A file a reply sends: kept in group {@code folder}'s media folder at {@code path} (relative to it).
     */
    public record FileRow(String folder, String path, String name, String mimeType, long size) {
        public boolean image() {
            return mimeType != null && mimeType.startsWith("image/");
        }
    }

    /** The platform id of the message a reply answers, its thread, and whether it was itself a reply. */
    public record ReplyTo(String messageId, String threadId, boolean isReply) {}

    /** @param partsSent parts of a long reply its channel already took (they are not sent again) */
    public record Progress(int partsSent, int attempts) {}

    private final Database db;
    private final MessageStore messages;

    public OutboxStore(Database db, MessageStore messages) {
        this.db = db;
        this.messages = messages;
    }

    /** Queues a reply outside of a run (e.g. a notice from the host itself). */
    public long enqueue(String chatJid, String text, String sender) {
        return db.tx(c -> enqueue(c, chatJid, text, sender));
    }

    /** Queues a reply inside a transaction of another store (e.g. a notice recorded together with the fact it tells). */
    static long enqueue(Connection c, String chatJid, String text, String sender) throws SQLException {
        return Sql.insert(c, "INSERT INTO outbox(chat_jid, text, sender, created_at) VALUES (?, ?, ?, ?)",
                chatJid, text, sender, Instant.now().toString());
    }

    /** Queues a file for {@code chatJid}, with {@code caption} ("" for none) under {@code sender} (null: the assistant). */
    public long enqueueFile(String chatJid, String caption, String sender, FileRow file) {
        return db.tx(c -> Sql.insert(c, """
                INSERT INTO outbox(chat_jid, text, sender, created_at, file_folder, file_path, file_name, file_mime, file_size)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", chatJid, caption, sender, Instant.now().toString(), file.folder(),
                file.path(), file.name(), file.mimeType(), file.size()));
    }

    public List<Pending> pending(int limit) {
        return db.read(c -> Sql.query(c, "SELECT * FROM outbox WHERE delivered_at IS NULL AND given_up_at IS NULL ORDER BY id LIMIT ?",
                OutboxStore::pending, limit));
    }

    /** The undelivered replies of chats whose id starts with {@code prefix + ":"}, oldest first. */
    public List<Pending> pending(String prefix, int limit) {
        return db.read(c -> Sql.query(c,
                "SELECT * FROM outbox WHERE delivered_at IS NULL AND given_up_at IS NULL AND substr(chat_jid, 1, ?) = ?"
                        + " ORDER BY id LIMIT ?",
                OutboxStore::pending, prefix.length() + 1, prefix + ":", limit));
    }

    private static Pending pending(java.sql.ResultSet rs) throws SQLException {
        String replyTo = rs.getString("reply_to");
        String filePath = rs.getString("file_path");
        FileRow file = filePath == null ? null : new FileRow(rs.getString("file_folder"), filePath, rs.getString("file_name"),
                rs.getString("file_mime"), rs.getLong("file_size"));
        return new Pending(rs.getLong("id"), rs.getString("chat_jid"), new Body(rs.getString("text"), rs.getString("sender"), file),
                replyTo == null ? null : new ReplyTo(replyTo, rs.getString("thread_id"), rs.getInt("reply_is_reply") == 1),
                new Progress(rs.getInt("parts_sent"), rs.getInt("attempts")));
    }

    /** Part {@code part} (1-based) of a reply was taken by its channel: a retry starts after it. */
    public void markPartSent(long id, int part) {
        db.tx(c -> Sql.update(c, "UPDATE outbox SET parts_sent = MAX(parts_sent, ?) WHERE id = ?", part, id));
    }

    /**
     * Marks a reply delivered and stores it as the assistant's message in its chat, under
     * {@code shownSender} (the name people saw), in one transaction. Returns the stored message
     * (or null if it was already delivered).
     */
    public StoredMessage markDelivered(long id, String channel, String shownSender) {
        return delivered(id, channel, shownSender, null);
    }

    /**
     * Marks a file reply delivered as the text {@code sentInstead} that told the chat why its file
     * could not be sent; the file is not recorded with the message.
     */
    public StoredMessage markSentInstead(long id, String channel, String shownSender, String sentInstead) {
        return delivered(id, channel, shownSender, sentInstead);
    }

    private StoredMessage delivered(long id, String channel, String shownSender, String sentInstead) {
        StoredMessage stored = db.tx(c -> {
            var p = Sql.one(c, "SELECT * FROM outbox WHERE id = ? AND delivered_at IS NULL", OutboxStore::pending, id);
            if (p.isEmpty()) {
                return null;
            }
            Pending row = p.get();
            Sql.update(c, "UPDATE outbox SET delivered_at = ?, attempts = attempts + 1 WHERE id = ?", Instant.now().toString(), id);
            String messageId = "out-" + id + "-" + UUID.randomUUID();
            FileRow f = row.body().file();
            if (f != null && sentInstead == null) { // the chat's history shows the file with the message, like a file that came in
                Sql.insert(c, """
                        INSERT INTO attachments(chat_jid, message_id, folder, kind, name, mime, size, path, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", row.chatJid(), messageId, f.folder(), f.image() ? "IMAGE" : "DOCUMENT",
                        f.name(), f.mimeType(), f.size(), f.path(), Instant.now().toString());
            }
            return messages.insert(c, new StoredMessage.Chat(row.chatJid(), null, channel, false), messageId,
                    new StoredMessage.Sender(shownSender, true), sentInstead == null ? row.text() : sentInstead,
                    StoredMessage.Meta.at(Instant.now()));
        });
        if (stored != null) {
            messages.notifyListeners(stored);
        }
        return stored;
    }

    public void markFailed(long id, String error) {
        db.tx(c -> Sql.update(c, "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?", error, id));
    }

    /**
     * Gives a reply up for good (its channel refused it as undeliverable): it is no longer pending and
     * keeps {@code error} as its last error. In the same transaction {@code notice} is queued for the
     * main group's chat, unless the reply was for that chat itself (the notice could not get there either).
     *
     * @return the outbox id of the notice, or empty when there is no main group to tell
     */
    public Optional<Long> giveUp(long id, String error, String notice) {
        return db.tx(c -> {
            Sql.update(c, "UPDATE outbox SET given_up_at = ?, attempts = attempts + 1, last_error = ? WHERE id = ?",
                    Instant.now().toString(), error, id);
            Optional<String> mainJid = Sql.one(c,
                    "SELECT g.jid FROM groups g, outbox o WHERE g.is_main = 1 AND o.id = ? AND g.jid <> o.chat_jid",
                    rs -> rs.getString(1), id);
            return mainJid.isEmpty() ? Optional.<Long>empty() : Optional.of(enqueue(c, mainJid.get(), notice, null));
        });
    }

    /** The error a reply was given up with; empty while it is pending, or once it was delivered. */
    public Optional<String> givenUp(long id) {
        return db.read(c -> Sql.one(c, "SELECT last_error FROM outbox WHERE id = ? AND given_up_at IS NOT NULL",
                rs -> rs.getString(1), id));
    }

    /**
     * A reply as the web app's outbox page shows it (in JSON the times' fields sit beside the others).
     *
     * @param progress  parts sent and failed tries so far (plus the one that delivered it)
     * @param lastError why the last try failed, or null
     */
    public record Entry(long id, String chatJid, String text, @JsonUnwrapped Times times, Progress progress, String lastError) {}

    /** @param deliveredAt null while it waits */
    public record Times(Instant createdAt, Instant deliveredAt) {}

    /** The most recent replies, delivered or not, newest first; {@code undelivered} keeps only those that wait (not those given up). */
    public List<Entry> recent(boolean undelivered, int limit) {
        return db.read(c -> Sql.query(c, "SELECT * FROM outbox" + (undelivered ? " WHERE delivered_at IS NULL AND given_up_at IS NULL" : "")
                + " ORDER BY id DESC LIMIT ?", rs -> {
                    String delivered = rs.getString("delivered_at");
                    return new Entry(rs.getLong("id"), rs.getString("chat_jid"), rs.getString("text"),
                            new Times(Instant.parse(rs.getString("created_at")), delivered == null ? null : Instant.parse(delivered)),
                            new Progress(rs.getInt("parts_sent"), rs.getInt("attempts")), rs.getString("last_error"));
                }, limit));
    }

    public long undeliveredCount() {
        return db.read(c -> Sql.number(c, "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND given_up_at IS NULL"));
    }
}
