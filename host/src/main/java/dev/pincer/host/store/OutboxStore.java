package dev.pincer.host.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Replies waiting to be delivered. Delivery records the reply as an assistant message of the chat. */
public final class OutboxStore {

    /**
     * A reply waiting for its channel.
     *
     * @param replyTo   what it answers (the triggering message), so it stays in its thread; null for none
     * @param progress  how many of its parts the channel took already, and how many attempts failed
     */
    public record Pending(long id, String chatJid, String text, String sender, ReplyTo replyTo, Progress progress) {
        public int attempts() {
            return progress.attempts();
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

    public List<Pending> pending(int limit) {
        return db.read(c -> Sql.query(c, "SELECT * FROM outbox WHERE delivered_at IS NULL ORDER BY id LIMIT ?",
                OutboxStore::pending, limit));
    }

    /** The undelivered replies of chats whose id starts with {@code prefix + ":"}, oldest first. */
    public List<Pending> pending(String prefix, int limit) {
        return db.read(c -> Sql.query(c,
                "SELECT * FROM outbox WHERE delivered_at IS NULL AND substr(chat_jid, 1, ?) = ? ORDER BY id LIMIT ?",
                OutboxStore::pending, prefix.length() + 1, prefix + ":", limit));
    }

    private static Pending pending(java.sql.ResultSet rs) throws SQLException {
        String replyTo = rs.getString("reply_to");
        return new Pending(rs.getLong("id"), rs.getString("chat_jid"), rs.getString("text"), rs.getString("sender"),
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
        StoredMessage stored = db.tx(c -> {
            var p = Sql.one(c, "SELECT chat_jid, text FROM outbox WHERE id = ? AND delivered_at IS NULL",
                    rs -> new String[] {rs.getString(1), rs.getString(2)}, id);
            if (p.isEmpty()) {
                return null;
            }
            String[] row = p.get();
            Sql.update(c, "UPDATE outbox SET delivered_at = ?, attempts = attempts + 1 WHERE id = ?", Instant.now().toString(), id);
            return messages.insert(c, new StoredMessage.Chat(row[0], null, channel, false), "out-" + id + "-" + UUID.randomUUID(),
                    new StoredMessage.Sender(shownSender, true), row[1], StoredMessage.Meta.at(Instant.now()));
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
     * A reply as the web app's outbox page shows it.
     *
     * @param deliveredAt null while it waits
     * @param attempts    failed tries so far (plus the one that delivered it)
     */
    public record Entry(long id, String chatJid, String text, Instant createdAt, Instant deliveredAt, Progress progress,
                        String lastError) {}

    /** The most recent replies, delivered or not, newest first; {@code undelivered} keeps only those that wait. */
    public List<Entry> recent(boolean undelivered, int limit) {
        return db.read(c -> Sql.query(c, "SELECT * FROM outbox" + (undelivered ? " WHERE delivered_at IS NULL" : "")
                + " ORDER BY id DESC LIMIT ?", rs -> {
                    String delivered = rs.getString("delivered_at");
                    return new Entry(rs.getLong("id"), rs.getString("chat_jid"), rs.getString("text"),
                            Instant.parse(rs.getString("created_at")), delivered == null ? null : Instant.parse(delivered),
                            new Progress(rs.getInt("parts_sent"), rs.getInt("attempts")), rs.getString("last_error"));
                }, limit));
    }

    public long undeliveredCount() {
        return db.read(c -> Sql.number(c, "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL"));
    }
}
