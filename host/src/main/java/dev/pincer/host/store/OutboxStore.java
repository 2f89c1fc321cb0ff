package dev.pincer.host.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Replies waiting to be delivered. Delivery records the reply as an assistant message of the chat. */
public final class OutboxStore {

    public record Pending(long id, String chatJid, String text, String sender, int attempts) {}

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
        return db.read(c -> Sql.query(c,
                "SELECT id, chat_jid, text, sender, attempts FROM outbox WHERE delivered_at IS NULL ORDER BY id LIMIT ?",
                rs -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)), limit));
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
            return messages.insert(c, row[0], channel, null, "out-" + id + "-" + UUID.randomUUID(), shownSender, row[1], true,
                    Instant.now());
        });
        if (stored != null) {
            messages.notifyListeners(stored);
        }
        return stored;
    }

    public void markFailed(long id, String error) {
        db.tx(c -> Sql.update(c, "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?", error, id));
    }

    public long undeliveredCount() {
        return db.read(c -> Sql.number(c, "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL"));
    }
}
