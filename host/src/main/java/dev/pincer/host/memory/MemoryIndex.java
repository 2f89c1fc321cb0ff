package dev.pincer.host.memory;

import dev.pincer.host.store.Database;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.Sql;
import dev.pincer.host.store.StoreException;
import dev.pincer.host.store.StoredMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the memory index current. Chat messages are added as they are stored ({@link #messageStored},
 * a {@code MessageStore} listener; {@link #catchUpMessages} adds any a crash kept from it). A group's
 * files are indexed by {@link #refresh}, which the host calls before each of the group's sandboxes
 * starts and after it ended, so no sandbox of the group can change a file while it is read: a file
 * whose size and modification time are unchanged is skipped, a changed one re-indexed, a removed one
 * dropped.
 */
public final class MemoryIndex {

    private static final Logger log = LoggerFactory.getLogger(MemoryIndex.class);

    /** What one refresh did. */
    public record Refresh(int indexed, int removed, int unchanged) {}

    private final Database db;
    private final GroupFiles files;

    /** @param groupsDir {@code groups/} under PINCER_HOME */
    public MemoryIndex(Database db, Path groupsDir) {
        this.db = db;
        this.files = new GroupFiles(groupsDir);
    }

    /** The index of a running host: it hears every message {@code messages} stores, and has caught up with those stored before. */
    public static MemoryIndex open(Database db, Path groupsDir, MessageStore messages) {
        MemoryIndex index = new MemoryIndex(db, groupsDir);
        messages.onAppended(index::messageStored);
        int added = index.catchUpMessages();
        if (added > 0) {
            log.info("{} stored message(s) added to the memory index", added);
        }
        return index;
    }

    /** Searches this index. */
    public MemorySearch search() {
        return new MemorySearch(db);
    }

    /**
     * Runs {@code sandbox} (a group's sandbox from start to end) with the group's files refreshed
     * before it starts and after it ended, the times no sandbox of the group can change them.
     */
    public void around(String folder, Runnable sandbox) {
        refresh(folder);
        try {
            sandbox.run();
        } finally {
            refresh(folder);
        }
    }

    /**
     * Adds a stored message. A failure is logged, not thrown: the message is stored, and
     * {@link #catchUpMessages} adds it at the next start.
     */
    public void messageStored(StoredMessage m) {
        if (m.text() == null || m.text().isBlank()) {
            return;
        }
        try {
            db.tx(c -> {
                int added = Sql.update(c, "INSERT OR IGNORE INTO memory_docs(kind, chat_jid, seq, time, sender) VALUES (?, ?, ?, ?, ?)",
                        Source.MESSAGE.wireName(), m.chatJid(), m.seq(), m.time().toString(), m.sender().name());
                if (added == 1) {
                    Sql.update(c, "INSERT INTO memory_fts(rowid, body) VALUES (last_insert_rowid(), ?)", m.text());
                }
                return null;
            });
        } catch (StoreException e) {
            log.warn("message {}#{} was not added to the memory index (it is added at the next start): {}",
                    m.chatJid(), m.seq(), e.getMessage());
        }
    }

    /** Adds every stored message the index does not have yet; returns how many. */
    public int catchUpMessages() {
        return db.tx(c -> {
            long before = Sql.number(c, "SELECT COALESCE(MAX(id), 0) FROM memory_docs");
            int added = Sql.update(c, """
                    INSERT INTO memory_docs(kind, chat_jid, seq, time, sender)
                    SELECT ?, m.chat_jid, m.seq, m.time, m.sender FROM messages m
                    WHERE trim(m.text) <> '' AND NOT EXISTS (SELECT 1 FROM memory_docs d WHERE d.chat_jid = m.chat_jid AND d.seq = m.seq)""",
                    Source.MESSAGE.wireName());
            Sql.update(c, """
                    INSERT INTO memory_fts(rowid, body)
                    SELECT d.id, m.text FROM memory_docs d JOIN messages m ON m.chat_jid = d.chat_jid AND m.seq = d.seq
                    WHERE d.id > ?""", before);
            return added;
        });
    }

    /**
     * Brings the index of {@code folder}'s files up to date. Call only while no sandbox of the group
     * runs. Problems reading the folder are logged; the files concerned keep their last index.
     */
    public Refresh refresh(String folder) {
        List<GroupFiles.Found> found;
        try {
            found = files.list(folder);
        } catch (IOException e) {
            log.warn("the memory index of group {} was not refreshed: {}", folder, e.toString());
            return new Refresh(0, 0, 0);
        }
        Map<String, long[]> known = db.read(c -> {
            Map<String, long[]> m = new HashMap<>();
            for (var row : Sql.query(c, "SELECT path, size, mtime_ms FROM memory_files WHERE folder = ?",
                    rs -> Map.entry(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)}), folder)) {
                m.put(row.getKey(), row.getValue());
            }
            return m;
        });
        int indexed = 0;
        Set<String> present = new HashSet<>();
        for (GroupFiles.Found f : found) {
            present.add(f.path());
            long[] k = known.get(f.path());
            if (k != null && k[0] == f.size() && k[1] == f.mtimeMillis()) {
                continue;
            }
            Optional<String> text;
            try {
                text = files.read(folder, f.path());
            } catch (IOException e) {
                log.warn("{} of group {} was not indexed: {}", f.path(), folder, e.toString());
                continue;
            }
            db.tx(c -> replace(c, folder, f, text));
            indexed++;
        }
        int removed = 0;
        for (String path : known.keySet()) {
            if (!present.contains(path)) {
                db.tx(c -> {
                    drop(c, folder, path);
                    return Sql.update(c, "DELETE FROM memory_files WHERE folder = ? AND path = ?", folder, path);
                });
                removed++;
            }
        }
        if (indexed + removed > 0) {
            log.info("memory index of group {}: {} file(s) indexed, {} removed", folder, indexed, removed);
        }
        return new Refresh(indexed, removed, found.size() - indexed);
    }

    /** A file's passages replace its old ones; a file that is not text is remembered with none, so it is not read again. */
    private static Void replace(Connection c, String folder, GroupFiles.Found f, Optional<String> text) throws SQLException {
        drop(c, folder, f.path());
        for (Passages.Passage p : text.map(Passages::of).orElse(List.of())) {
            Sql.update(c, "INSERT INTO memory_docs(kind, folder, path, line) VALUES (?, ?, ?, ?)",
                    f.source().wireName(), folder, f.path(), p.line());
            Sql.update(c, "INSERT INTO memory_fts(rowid, body) VALUES (last_insert_rowid(), ?)", p.text());
        }
        Sql.update(c, """
                INSERT INTO memory_files(folder, path, size, mtime_ms) VALUES (?, ?, ?, ?)
                ON CONFLICT(folder, path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms""",
                folder, f.path(), f.size(), f.mtimeMillis());
        return null;
    }

    private static void drop(Connection c, String folder, String path) throws SQLException {
        Sql.update(c, "DELETE FROM memory_fts WHERE rowid IN (SELECT id FROM memory_docs WHERE folder = ? AND path = ?)", folder, path);
        Sql.update(c, "DELETE FROM memory_docs WHERE folder = ? AND path = ?", folder, path);
    }
}
