package dev.pincer.host.media;

import dev.pincer.host.channel.Inbound;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The {@code attachments} table: what came with each message and what became of it. */
public final class AttachmentStore {

    private final Database db;

    public AttachmentStore(Database db) {
        this.db = db;
    }

    /** Records an attachment of message {@code messageId} in {@code chatJid} (group {@code folder}). */
    long add(String chatJid, String folder, Inbound.Attachment a, Attachment.Stored stored, String messageId) {
        return db.tx(c -> Sql.insert(c, """
                INSERT INTO attachments(chat_jid, message_id, folder, kind, name, mime, size, path, view_path, transcript,
                  problem, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                chatJid, messageId, folder, a.kind().name(), a.name(), a.mimeType(), stored.size(), stored.path(),
                stored.view(), stored.transcript(), stored.problem(), Instant.now().toString()));
    }

    /** The attachments of these messages of a chat, in the order they came. */
    public List<Attachment> of(String chatJid, Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", java.util.Collections.nCopies(messageIds.size(), "?"));
        Object[] args = new Object[messageIds.size() + 1];
        args[0] = chatJid;
        int i = 1;
        for (String id : messageIds) {
            args[i++] = id;
        }
        return db.read(c -> Sql.query(c, "SELECT * FROM attachments WHERE chat_jid = ? AND message_id IN (" + marks
                + ") ORDER BY id", AttachmentStore::row, args));
    }

    public java.util.Optional<Attachment> byId(long id) {
        return db.read(c -> Sql.one(c, "SELECT * FROM attachments WHERE id = ?", AttachmentStore::row, id));
    }

    /** The group folder an attachment belongs to. */
    public java.util.Optional<String> folderOf(long id) {
        return db.read(c -> Sql.one(c, "SELECT folder FROM attachments WHERE id = ?", rs -> rs.getString(1), id));
    }

    private static Attachment row(ResultSet rs) throws SQLException {
        return new Attachment(rs.getLong("id"), rs.getString("message_id"), Inbound.Attachment.Kind.valueOf(rs.getString("kind")),
                rs.getString("name"), rs.getString("mime"), new Attachment.Stored(rs.getString("path"), rs.getLong("size"),
                rs.getString("view_path"), rs.getString("transcript"), rs.getString("problem")));
    }
}
