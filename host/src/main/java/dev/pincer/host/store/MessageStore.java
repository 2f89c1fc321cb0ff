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
     * Stores a message with the chat's next {@code seq}, and records the chat (name, channel, group
     * or not, last activity). A message whose id the chat already has is not stored again; the stored
     * one is returned (channels may redeliver).
     */
    public StoredMessage append(StoredMessage.Chat chat, String id, StoredMessage.Sender sender, String text,
                                StoredMessage.Meta meta) {
        record Outcome(StoredMessage message, boolean inserted) {}
        Outcome o = db.tx(c -> {
            Optional<StoredMessage> existing = Sql.one(c,
                    "SELECT * FROM messages WHERE chat_jid = ? AND id = ?", MessageStore::row, chat.jid(), id);
            if (existing.isPresent()) {
                return new Outcome(existing.get(), false);
            }
            return new Outcome(insert(c, chat, id, sender, text, meta), true);
        });
        if (o.inserted()) {
            notifyListeners(o.message());
        }
        return o.message();
    }

    /** A user's plain message in a web-style chat (no references); for tests and simple callers. */
    public StoredMessage append(String chatJid, String channel, String chatName, String id, String sender,
                                String text, boolean fromAssistant, Instant time) {
        return append(new StoredMessage.Chat(chatJid, chatName, channel, false), id,
                new StoredMessage.Sender(sender, fromAssistant), text, StoredMessage.Meta.at(time));
    }

    /** Inserts inside the caller's transaction; the caller must call {@link #notifyListeners} after commit. */
    StoredMessage insert(Connection c, StoredMessage.Chat chat, String id, StoredMessage.Sender sender, String text,
                         StoredMessage.Meta meta) throws SQLException {
        Sql.update(c, """
                INSERT INTO chats(jid, name, channel, is_group) VALUES (?, ?, ?, ?)
                ON CONFLICT(jid) DO UPDATE SET name = COALESCE(excluded.name, chats.name),
                  is_group = MAX(chats.is_group, excluded.is_group)""", chat.jid(), chat.name(), chat.channel(), chat.group());
        long seq = Sql.number(c, "SELECT last_seq FROM chats WHERE jid = ?", chat.jid()) + 1;
        Sql.update(c, "UPDATE chats SET last_seq = ?, last_message_time = ? WHERE jid = ?", seq, meta.time().toString(), chat.jid());
        Sql.update(c, """
                INSERT INTO messages(chat_jid, seq, id, sender, text, from_assistant, time, sender_id, reply_to, thread_id,
                  mentions_bot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", chat.jid(), seq, id, sender.name(), text,
                sender.assistant(), meta.time().toString(), sender.id(), meta.replyTo(), meta.threadId(), meta.mentionsBot());
        return new StoredMessage(chat.jid(), seq, id, sender, text, meta);
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

    /** A chat Pincer has seen a message in, registered or not. */
    public record SeenChat(StoredMessage.Chat chat, Instant lastMessageTime) {}

    /** Every chat seen, most recently active first. */
    public List<SeenChat> chats() {
        return db.read(c -> Sql.query(c,
                "SELECT jid, name, channel, is_group, last_message_time FROM chats ORDER BY last_message_time DESC",
                rs -> new SeenChat(new StoredMessage.Chat(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4) == 1),
                        rs.getString(5) == null ? null : Instant.parse(rs.getString(5)))));
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
                new StoredMessage.Sender(rs.getString("sender_id"), rs.getString("sender"), rs.getInt("from_assistant") == 1),
                rs.getString("text"), new StoredMessage.Meta(Instant.parse(rs.getString("time")), rs.getString("reply_to"),
                        rs.getString("thread_id"), rs.getInt("mentions_bot") == 1));
    }
}
