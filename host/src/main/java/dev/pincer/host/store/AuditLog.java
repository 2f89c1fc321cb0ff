package dev.pincer.host.store;

import java.time.Instant;
import java.util.List;

/** Security-relevant events: refusals, proxy requests, sandbox starts. Append-only. */
public final class AuditLog {

    public record Entry(long id, Instant time, String folder, String kind, String verdict, String detail) {}

    private final Database db;
    private final List<java.util.function.Consumer<Entry>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public AuditLog(Database db) {
        this.db = db;
    }

    public void record(String folder, String kind, String verdict, String detail) {
        Instant now = Instant.now();
        long id = db.tx(c -> Sql.insert(c, "INSERT INTO audit(time, folder, kind, verdict, detail) VALUES (?, ?, ?, ?, ?)",
                now.toString(), folder, kind, verdict, detail));
        Entry e = new Entry(id, now, folder, kind, verdict, detail);
        listeners.forEach(l -> l.accept(e));
    }

    /** {@code listener} hears each entry after it was stored; it must not block. */
    public void onRecorded(java.util.function.Consumer<Entry> listener) {
        listeners.add(listener);
    }

    /** How many entries of {@code kind} there are, by verdict (e.g. egress: allowed / denied). */
    public java.util.Map<String, Long> countsByVerdict(String kind) {
        return db.read(c -> {
            java.util.Map<String, Long> out = new java.util.TreeMap<>();
            for (var row : Sql.query(c, "SELECT verdict, COUNT(*) FROM audit WHERE kind = ? GROUP BY verdict",
                    rs -> java.util.Map.entry(rs.getString(1), rs.getLong(2)), kind)) {
                out.put(row.getKey(), row.getValue());
            }
            return out;
        });
    }

    public List<Entry> recent(int limit) {
        return recent(null, null, limit);
    }

    /** The most recent entries of {@code kind} with {@code verdict} (null: any), newest first. */
    public List<Entry> recent(String kind, String verdict, int limit) {
        return db.read(c -> Sql.query(c, "SELECT * FROM audit WHERE (? IS NULL OR kind = ?) AND (? IS NULL OR verdict = ?)"
                        + " ORDER BY id DESC LIMIT ?",
                rs -> new Entry(rs.getLong("id"), Instant.parse(rs.getString("time")), rs.getString("folder"),
                        rs.getString("kind"), rs.getString("verdict"), rs.getString("detail")),
                kind, kind, verdict, verdict, limit));
    }

    /** The kinds of entries there are, for the audit page's filter. */
    public List<String> kinds() {
        return db.read(c -> Sql.query(c, "SELECT DISTINCT kind FROM audit ORDER BY kind", rs -> rs.getString(1)));
    }
}
