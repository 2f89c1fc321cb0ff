package dev.pincer.host.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Chats and their messages. Listeners hear about a message after its transaction committed. */
public final class MessageStore {

    private final Database db;
    private final List<Consumer<StoredMessage>> listeners = new CopyOnWriteArrayList<>();

    public MessageStore(Database db) {
        this.db = db;
    }

    public void onAppended(Consumer<StoredMessage> listener) {
        listeners.add(listener);
    }

    /**
     * Stores a message with the chat's next {@code seq}. A message whose id the chat already has is
     * not stored again; the stored one is returned (channels may redeliver).
     */
    public StoredMessage append(String chatJid, String channel, String chatName, String id, String sender,
                                String text, boolean fromAssistant, Instant time) {
        record Outcome(StoredMessage message, boolean inserted) {}
        Outcome o = db.tx(c -> {
            Optional<StoredMessage> existing = Sql.one(c,
                    "SELECT * FROM messages WHERE chat_jid = ? AND id = ?", MessageStore::row, chatJid, id);
            if (existing.isPresent()) {
                return new Outcome(existing.get(), false);
            }
            return new Outcome(insert(c, chatJid, channel, chatName, id, sender, text, fromAssistant, time), true);
        });
        if (o.inserted()) {
            notifyListeners(o.message());
        }
        return o.message();
    }

    /** Inserts inside the caller's transaction; the caller must call {@link #notifyListeners} after commit. */
    StoredMessage insert(Connection c, String chatJid, String channel, String chatName, String id, String sender,
                         String text, boolean fromAssistant, Instant time) throws SQLException {
        Sql.update(c, """
                INSERT INTO chats(jid, name, channel) VALUES (?, ?, ?)
                ON CONFLICT(jid) DO UPDATE SET name = COALESCE(excluded.name, chats.name)""", chatJid, chatName, channel);
        long seq = Sql.number(c, "SELECT last_seq FROM chats WHERE jid = ?", chatJid) + 1;
        Sql.update(c, "UPDATE chats SET last_seq = ?, last_message_time = ? WHERE jid = ?", seq, time.toString(), chatJid);
        Sql.update(c, """
                INSERT INTO messages(chat_jid, seq, id, sender, text, from_assistant, time)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", chatJid, seq, id, sender, text, fromAssistant, time.toString());
        return new StoredMessage(chatJid, seq, id, new StoredMessage.Sender(sender, fromAssistant), text, time);
    }

    void notifyListeners(StoredMessage m) {
        for (Consumer<StoredMessage> l : listeners) {
            l.accept(m);
        }
    }

    /** Messages of a chat with {@code seq > afterSeq}, oldest first, at most {@code limit}. */
    public List<StoredMessage> after(String chatJid, long afterSeq, int limit) {
        return db.read(c -> Sql.query(c,
                "SELECT * FROM messages WHERE chat_jid = ? AND seq > ? ORDER BY seq LIMIT ?",
                MessageStore::row, chatJid, afterSeq, limit));
    }

    /** User (not assistant) messages of a chat with {@code seq > afterSeq}, oldest first. */
    public List<StoredMessage> userMessagesAfter(String chatJid, long afterSeq, int limit) {
        return db.read(c -> Sql.query(c,
                "SELECT * FROM messages WHERE chat_jid = ? AND seq > ? AND from_assistant = 0 ORDER BY seq LIMIT ?",
                MessageStore::row, chatJid, afterSeq, limit));
    }

    /** The distinct names people (not the assistant) wrote under in a chat. */
    public List<String> humanSenders(String chatJid) {
        return db.read(c -> Sql.query(c, "SELECT DISTINCT sender FROM messages WHERE chat_jid = ? AND from_assistant = 0",
                rs -> rs.getString(1), chatJid));
    }

    /** A chat Pincer has seen a message in. */
    public record Chat(String jid, String name, String channel, Instant lastMessageTime) {}

    /** Every chat seen, most recently active first. */
    public List<Chat> chats() {
        return db.read(c -> Sql.query(c, "SELECT jid, name, channel, last_message_time FROM chats ORDER BY last_message_time DESC",
                rs -> new Chat(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4) == null ? null : Instant.parse(rs.getString(4)))));
    }

    public boolean chatExists(String chatJid) {
        return db.read(c -> Sql.number(c, "SELECT COUNT(*) FROM chats WHERE jid = ?", chatJid) > 0);
    }

    public long lastSeq(String chatJid) {
        return db.read(c -> Sql.number(c, "SELECT last_seq FROM chats WHERE jid = ?", chatJid));
    }

    public long count() {
        return db.read(c -> Sql.number(c, "SELECT COUNT(*) FROM messages"));
    }

    static StoredMessage row(ResultSet rs) throws SQLException {
        return new StoredMessage(rs.getString("chat_jid"), rs.getLong("seq"), rs.getString("id"),
                new StoredMessage.Sender(rs.getString("sender"), rs.getInt("from_assistant") == 1), rs.getString("text"),
                Instant.parse(rs.getString("time")));
    }
}
