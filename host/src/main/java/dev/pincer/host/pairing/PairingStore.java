package dev.pincer.host.pairing;

import dev.pincer.host.store.Database;
import dev.pincer.host.store.Sql;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Pairing codes: one per unknown sender at a time, approved at most once. */
final class PairingStore {

    /** A code waiting for the owner, or approved. */
    record Code(String code, String chatJid, String chatName, String senderId, String senderName, Instant createdAt) {}

    private final Database db;

    PairingStore(Database db) {
        this.db = db;
    }

    /** The sender's most recent code created after {@code since}, approved or not. */
    Optional<Code> latest(String senderId, String chatJid, Instant since) {
        return db.read(c -> Sql.one(c, """
                SELECT * FROM pairings WHERE sender_id = ? AND chat_jid = ? AND created_at > ?
                ORDER BY created_at DESC LIMIT 1""", PairingStore::row, senderId, chatJid, since.toString()));
    }

    void insert(Code code) {
        db.tx(c -> Sql.update(c, """
                INSERT INTO pairings(code, chat_jid, chat_name, sender_id, sender_name, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""", code.code(), code.chatJid(), code.chatName(), code.senderId(),
                code.senderName(), code.createdAt().toString()));
    }

    /** Marks an unapproved code approved; empty when there is none (unknown, or approved before). */
    Optional<Code> approve(String code, Instant now) {
        return db.tx(c -> {
            Optional<Code> found = Sql.one(c, "SELECT * FROM pairings WHERE code = ? AND approved_at IS NULL",
                    PairingStore::row, code);
            if (found.isPresent()) {
                Sql.update(c, "UPDATE pairings SET approved_at = ? WHERE code = ?", now.toString(), code);
            }
            return found;
        });
    }

    /** Codes not approved yet, newest first. */
    List<Code> waiting() {
        return db.read(c -> Sql.query(c, "SELECT * FROM pairings WHERE approved_at IS NULL ORDER BY created_at DESC",
                PairingStore::row));
    }

    private static Code row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Code(rs.getString("code"), rs.getString("chat_jid"), rs.getString("chat_name"), rs.getString("sender_id"),
                rs.getString("sender_name"), Instant.parse(rs.getString("created_at")));
    }
}
