package dev.pincer.host.store;

import dev.pincer.protocol.Usage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Model usage as the egress proxy counted it from the provider's own responses (never from what an
 * agent reports): per run and per group and day, with its cost where the model's price is known,
 * and which groups the main group was already told about today (docs/DESIGN.md section 6).
 */
public final class UsageStore {

    /** Model calls answered, their tokens, and their cost in US dollars (0 where no price is known). */
    public record Totals(long calls, Usage usage, double costUsd) {
        public static final Totals ZERO = new Totals(0, Usage.ZERO, 0);

        /** What counts against a token budget: every input token, cached or not, and every output token. */
        public long tokens() {
            return usage.inputTokens() + usage.cacheReadTokens() + usage.cacheWriteTokens() + usage.outputTokens();
        }
    }

    /** One group's usage on one day. */
    public record GroupDay(String folder, LocalDate day, Totals totals) {}

    private static final String COLUMNS = "calls, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_usd";

    private final Database db;

    public UsageStore(Database db) {
        this.db = db;
    }

    /**
     * Adds one answered call of group {@code folder} to its run ({@code runId}, may be null) and to
     * {@code day}, in one transaction.
     */
    public void add(String folder, String runId, LocalDate day, Totals call) {
        Usage u = call.usage();
        Object[] values = {call.calls(), u.inputTokens(), u.outputTokens(), u.cacheReadTokens(), u.cacheWriteTokens(),
                call.costUsd()};
        db.tx(c -> {
            if (runId != null) {
                upsert(c, "usage_runs(run_id, folder, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "run_id",
                        runId, folder, values);
            }
            upsert(c, "usage_days(folder, day, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "folder, day",
                    folder, day.toString(), values);
            return null;
        });
    }

    /** What run {@code runId} used so far. */
    public Totals run(String runId) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM usage_runs WHERE run_id = ?", UsageStore::totals, runId))
                .orElse(Totals.ZERO);
    }

    /** What group {@code folder} used on {@code day}. */
    public Totals day(String folder, LocalDate day) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM usage_days WHERE folder = ? AND day = ?",
                UsageStore::totals, folder, day.toString())).orElse(Totals.ZERO);
    }

    /** Every group's usage per day from {@code from} to {@code to} (inclusive), by day then group. */
    public List<GroupDay> daily(LocalDate from, LocalDate to) {
        return db.read(c -> Sql.query(c, "SELECT folder, day, " + COLUMNS
                        + " FROM usage_days WHERE day >= ? AND day <= ? ORDER BY day, folder",
                rs -> new GroupDay(rs.getString("folder"), LocalDate.parse(rs.getString("day")), totals(rs)),
                from.toString(), to.toString()));
    }

    /**
     * Records that the main group hears about group {@code folder}'s budget on {@code day} and, the
     * first time only, queues {@code text} to {@code mainJid} in the same transaction (null: record only).
     * Returns whether this was the first time, so a restart never repeats the notice.
     */
    public boolean noticeOnce(String folder, LocalDate day, String budget, String mainJid, String text) {
        return db.tx(c -> {
            boolean first = Sql.update(c, "INSERT OR IGNORE INTO budget_notices(folder, day, budget, noticed_at)"
                    + " VALUES (?, ?, ?, ?)", folder, day.toString(), budget, Instant.now().toString()) > 0;
            if (first && mainJid != null) {
                OutboxStore.enqueue(c, mainJid, text, null);
            }
            return first;
        });
    }

    private static void upsert(Connection c, String insert, String key, Object k1, Object k2, Object[] values)
            throws SQLException {
        Object[] params = new Object[values.length + 2];
        params[0] = k1;
        params[1] = k2;
        System.arraycopy(values, 0, params, 2, values.length);
        String table = insert.substring(0, insert.indexOf('('));
        Sql.update(c, "INSERT INTO " + insert + " ON CONFLICT(" + key + ") DO UPDATE SET"
                + " calls = " + table + ".calls + excluded.calls,"
                + " input_tokens = " + table + ".input_tokens + excluded.input_tokens,"
                + " output_tokens = " + table + ".output_tokens + excluded.output_tokens,"
                + " cache_read_tokens = " + table + ".cache_read_tokens + excluded.cache_read_tokens,"
                + " cache_write_tokens = " + table + ".cache_write_tokens + excluded.cache_write_tokens,"
                + " cost_usd = " + table + ".cost_usd + excluded.cost_usd", params);
    }

    private static Totals totals(ResultSet rs) throws SQLException {
        return new Totals(rs.getLong("calls"), new Usage(rs.getLong("input_tokens"), rs.getLong("output_tokens"),
                rs.getLong("cache_read_tokens"), rs.getLong("cache_write_tokens")), rs.getDouble("cost_usd"));
    }
}
