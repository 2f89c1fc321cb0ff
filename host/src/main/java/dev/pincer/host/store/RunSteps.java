package dev.pincer.host.store;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;

/**
 * The tool calls of each run, as the agent reported them (for the run's timeline): one row per
 * call, written when it starts and completed when it ends. Reporting a call twice changes nothing.
 */
public final class RunSteps {

    /**
     * One tool call of a run; {@code ending} is null while it runs (or when its end was never
     * reported). In JSON the ending's fields sit beside the others.
     */
    public record ToolCall(String callId, String name, String input, Instant startedAt, @JsonUnwrapped Ending ending) {}

    private final Database db;

    public RunSteps(Database db) {
        this.db = db;
    }

    public void started(String runId, String callId, String name, String input) {
        db.tx(c -> Sql.update(c, """
                INSERT OR IGNORE INTO run_tools(run_id, call_id, name, input, started_at) VALUES (?, ?, ?, ?, ?)""",
                runId, callId, name, input, Instant.now().toString()));
    }

    public void ended(String runId, String callId, String name, String input, Ending ending) {
        db.tx(c -> {
            Sql.update(c, """
                    INSERT OR IGNORE INTO run_tools(run_id, call_id, name, input, started_at) VALUES (?, ?, ?, ?, ?)""",
                    runId, callId, name, input, Instant.now().minusMillis(ending.durationMs()).toString());
            return Sql.update(c, "UPDATE run_tools SET duration_ms = ?, result = ?, is_error = ? WHERE run_id = ? AND call_id = ?",
                    ending.durationMs(), ending.result(), ending.error(), runId, callId);
        });
    }

    /** How a call ended: how long it took and the start of its result. */
    public record Ending(long durationMs, String result, boolean error) {}

    /** The calls of a run in the order they started. */
    public List<ToolCall> of(String runId) {
        return db.read(c -> Sql.query(c, "SELECT * FROM run_tools WHERE run_id = ? ORDER BY started_at, rowid", rs -> {
            long ms = rs.getLong("duration_ms");
            Ending ending = rs.wasNull() ? null : new Ending(ms, rs.getString("result"), rs.getInt("is_error") == 1);
            return new ToolCall(rs.getString("call_id"), rs.getString("name"), rs.getString("input"),
                    Instant.parse(rs.getString("started_at")), ending);
        }, runId));
    }
}
