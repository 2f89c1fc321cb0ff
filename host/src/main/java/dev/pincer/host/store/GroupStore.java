package dev.pincer.host.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Registered groups and their cursors (the last message seq a run has answered). */
public final class GroupStore {

    /** Thrown when a chat or folder is already taken. */
    public static final class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }

    private final Database db;

    public GroupStore(Database db) {
        this.db = db;
    }

    /**
     * Registers {@code g}; fails with {@link Conflict} if its chat or folder is taken. Its cursor starts
     * at the chat's last message: nothing said before it was registered reaches a model.
     */
    public void register(Group g) {
        db.tx(c -> {
            if (Sql.number(c, "SELECT COUNT(*) FROM groups WHERE folder = ?", g.folder()) > 0) {
                throw new Conflict("folder '" + g.folder() + "' is already used by another group");
            }
            if (Sql.number(c, "SELECT COUNT(*) FROM groups WHERE jid = ?", g.jid()) > 0) {
                throw new Conflict("chat '" + g.jid() + "' is already registered");
            }
            if (g.isMain() && Sql.number(c, "SELECT COUNT(*) FROM groups WHERE is_main = 1") > 0) {
                throw new Conflict("there is already a main group");
            }
            Sql.update(c, """
                    INSERT INTO groups(folder, jid, name, trigger_word, requires_trigger, is_main, config, added_at, cursor_seq)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, COALESCE((SELECT last_seq FROM chats WHERE jid = ?), 0))""",
                    g.folder(), g.jid(), g.name(), g.trigger().word(), g.trigger().required(), g.isMain(), g.config(),
                    Instant.now().toString(), g.jid());
            return null;
        });
    }

    public Optional<Group> byFolder(String folder) {
        return db.read(c -> Sql.one(c, "SELECT * FROM groups WHERE folder = ?", GroupStore::row, folder));
    }

    public Optional<Group> byJid(String jid) {
        return db.read(c -> Sql.one(c, "SELECT * FROM groups WHERE jid = ?", GroupStore::row, jid));
    }

    public Optional<Group> main() {
        return db.read(c -> Sql.one(c, "SELECT * FROM groups WHERE is_main = 1", GroupStore::row));
    }

    public List<Group> all() {
        return db.read(c -> Sql.query(c, "SELECT * FROM groups ORDER BY is_main DESC, folder", GroupStore::row));
    }

    /**
     * Moves the main group to another chat ({@code jid}): its folder, memory and sessions stay; its
     * cursor (a position in its chat) moves to that chat's last message, so nothing said there before
     * reaches a model.
     * Fails with {@link Conflict} when the chat is another group's.
     */
    public void moveMain(String jid) {
        db.tx(c -> {
            if (Sql.number(c, "SELECT COUNT(*) FROM groups WHERE jid = ? AND is_main = 0", jid) > 0) {
                throw new Conflict("chat '" + jid + "' is registered as another group; remove that group first");
            }
            Sql.update(c, """
                    UPDATE groups SET jid = ?, cursor_seq = COALESCE((SELECT last_seq FROM chats WHERE jid = ?), 0)
                    WHERE is_main = 1""", jid, jid);
            return null;
        });
    }

    /** Removes a group's registration (its folder and messages stay on disk). The main group cannot be removed. */
    public boolean remove(String folder) {
        return db.tx(c -> {
            if (Sql.number(c, "SELECT is_main FROM groups WHERE folder = ?", folder) == 1) {
                throw new Conflict("the main group cannot be removed");
            }
            return Sql.update(c, "DELETE FROM groups WHERE folder = ?", folder) > 0;
        });
    }

    /** Deletes a row unconditionally; only for undoing a registration that could not be completed. */
    public void forget(String folder) {
        db.tx(c -> Sql.update(c, "DELETE FROM groups WHERE folder = ?", folder));
    }

    public long cursor(String folder) {
        return db.read(c -> Sql.number(c, "SELECT cursor_seq FROM groups WHERE folder = ?", folder));
    }

    /**
     * Moves the group's cursor to {@code seq} (never back): the messages up to it count as handled
     * without a run, e.g. a {@code /reset} command and what came before it.
     */
    public void advanceCursor(String folder, long seq) {
        db.tx(c -> Sql.update(c, "UPDATE groups SET cursor_seq = MAX(cursor_seq, ?) WHERE folder = ?", seq, folder));
    }

    static Group row(ResultSet rs) throws SQLException {
        return new Group(rs.getString("folder"), rs.getString("jid"), rs.getString("name"),
                new Group.Trigger(rs.getString("trigger_word"), rs.getInt("requires_trigger") == 1),
                rs.getInt("is_main") == 1, rs.getString("config"));
    }
}
