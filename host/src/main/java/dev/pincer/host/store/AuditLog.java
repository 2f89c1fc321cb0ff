package dev.pincer.host.store;

import java.time.Instant;
import java.util.List;

/** Security-relevant events: refusals, proxy requests, sandbox starts. Append-only. */
public final class AuditLog {

    public record Entry(long id, Instant time, String folder, String kind, String verdict, String detail) {}

    private final Database db;

    public AuditLog(Database db) {
        this.db = db;
    }

    public void record(String folder, String kind, String verdict, String detail) {
        db.tx(c -> Sql.update(c, "INSERT INTO audit(time, folder, kind, verdict, detail) VALUES (?, ?, ?, ?, ?)",
                Instant.now().toString(), folder, kind, verdict, detail));
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
        return db.read(c -> Sql.query(c, "SELECT * FROM audit ORDER BY id DESC LIMIT ?",
                rs -> new Entry(rs.getLong("id"), Instant.parse(rs.getString("time")), rs.getString("folder"),
                        rs.getString("kind"), rs.getString("verdict"), rs.getString("detail")), limit));
    }
}
