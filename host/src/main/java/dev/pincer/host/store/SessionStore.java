package dev.pincer.host.store;

import java.util.Optional;

/** The agent session each group resumes. */
public final class SessionStore {

    private final Database db;

    public SessionStore(Database db) {
        this.db = db;
    }

    public Optional<String> get(String folder) {
        return db.read(c -> Sql.one(c, "SELECT session_id FROM sessions WHERE folder = ?", rs -> rs.getString(1), folder));
    }

    /**
     * Forgets the session: the next run starts fresh. Runs still in flight will not save theirs when
     * their result arrives later (it would bring the old conversation back).
     */
    public void clear(String folder) {
        db.tx(c -> {
            Sql.update(c, "UPDATE runs SET keep_session = 0 WHERE folder = ? AND status = ?", folder, RunLedger.RUNNING);
            return Sql.update(c, "DELETE FROM sessions WHERE folder = ?", folder);
        });
    }
}
