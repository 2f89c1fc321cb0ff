package dev.pincer.host.tasks;

import dev.pincer.host.store.Database;
import dev.pincer.host.store.Sql;
import dev.pincer.protocol.Usage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Scheduled tasks and their runs (tables {@code tasks} and {@code task_runs}). Times are stored as
 * epoch milliseconds. A due task is {@linkplain #claim claimed} in one IMMEDIATE transaction that
 * moves its {@code next_run} only if it still holds the value the claimer saw, so of any number of
 * racing claimers (threads or processes) exactly one wins.
 */
public final class TaskStore {

    private final Database db;

    public TaskStore(Database db) {
        this.db = db;
    }

    /** What {@link #insert(Task, int)} did. */
    public enum Insert {
        /** the task is stored */
        INSERTED,
        /** nothing changed: the id is taken */
        ID_TAKEN,
        /** nothing changed: the group already has as many active and paused tasks as allowed */
        GROUP_FULL
    }

    /** Inserts a new task; returns false (and changes nothing) when its id is taken. */
    public boolean insert(Task t) {
        return insert(t, Integer.MAX_VALUE) == Insert.INSERTED;
    }

    /**
     * Inserts a new task unless its id is taken or its group already has {@code maxOpenPerGroup}
     * active and paused tasks; the count and the insert are one transaction, so racing callers
     * cannot pass the limit together.
     */
    public Insert insert(Task t, int maxOpenPerGroup) {
        return db.tx(c -> {
            if (Sql.number(c, "SELECT COUNT(*) FROM tasks WHERE id = ?", t.id()) > 0) {
                return Insert.ID_TAKEN;
            }
            if (Sql.number(c, "SELECT COUNT(*) FROM tasks WHERE group_folder = ? AND status IN (?, ?)",
                    t.groupFolder(), Task.ACTIVE, Task.PAUSED) >= maxOpenPerGroup) {
                return Insert.GROUP_FULL;
            }
            Sql.update(c, """
                    INSERT INTO tasks(id, group_folder, chat_jid, prompt, schedule_type, schedule_value, context_mode,
                      status, next_run, last_run, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    t.id(), t.groupFolder(), t.chatJid(), t.spec().prompt(), t.spec().scheduleType(), t.spec().scheduleValue(),
                    t.spec().contextMode(), t.status(), millis(t.times().nextRun()), millis(t.times().lastRun()), millis(t.times().createdAt()));
            return Insert.INSERTED;
        });
    }

    public Optional<Task> get(String id) {
        return db.read(c -> Sql.one(c, "SELECT * FROM tasks WHERE id = ?", TaskStore::task, id));
    }

    /** All tasks, or those of one group folder, oldest first. */
    public List<Task> list(Optional<String> groupFolder) {
        return db.read(c -> groupFolder.isPresent()
                ? Sql.query(c, "SELECT * FROM tasks WHERE group_folder = ? ORDER BY created_at, id", TaskStore::task,
                        groupFolder.get())
                : Sql.query(c, "SELECT * FROM tasks ORDER BY created_at, id", TaskStore::task));
    }

    /**
     * Changes a task in one transaction: reads it, applies {@code change} (which may throw to refuse;
     * nothing is written then) and writes the prompt, schedule, context mode, status and next run it
     * returns (the owner, chat, last run and creation time never change). Returns the task as
     * stored afterwards, or empty when there is no task {@code id}.
     */
    public Optional<Task> modify(String id, UnaryOperator<Task> change) {
        return db.tx(c -> {
            Optional<Task> before = Sql.one(c, "SELECT * FROM tasks WHERE id = ?", TaskStore::task, id);
            if (before.isEmpty()) {
                return Optional.empty();
            }
            Task after = change.apply(before.get());
            Sql.update(c, """
                    UPDATE tasks SET prompt = ?, schedule_type = ?, schedule_value = ?, context_mode = ?, status = ?,
                      next_run = ? WHERE id = ?""",
                    after.spec().prompt(), after.spec().scheduleType(), after.spec().scheduleValue(), after.spec().contextMode(), after.status(),
                    millis(after.times().nextRun()), id);
            return Sql.one(c, "SELECT * FROM tasks WHERE id = ?", TaskStore::task, id);
        });
    }

    /** Active tasks due at {@code now}, earliest first. */
    public List<Task> due(Instant now) {
        return db.read(c -> Sql.query(c,
                "SELECT * FROM tasks WHERE status = 'active' AND next_run <= ? ORDER BY next_run, id",
                TaskStore::task, now.toEpochMilli()));
    }

    /** The earliest due time of any active task. */
    public Optional<Instant> earliestNextRun() {
        return db.read(c -> Sql.one(c, """
                SELECT next_run FROM tasks WHERE status = 'active' AND next_run IS NOT NULL ORDER BY next_run LIMIT 1""",
                rs -> Instant.ofEpochMilli(rs.getLong(1))));
    }

    /**
     * Claims the run of task {@code taskId} that was due at {@code seenDue}: in one transaction, moves
     * its {@code next_run} to {@code next} (null: the task is done), sets {@code last_run} to
     * {@code now}, and records run {@code runId} as running. Returns false, changing nothing, when
     * the task is no longer active or its {@code next_run} is no longer {@code seenDue} (someone else
     * claimed it, or it was changed).
     */
    public boolean claim(String taskId, Instant seenDue, Instant next, String runId, Instant now) {
        return db.tx(c -> {
            int updated = Sql.update(c, """
                    UPDATE tasks SET next_run = ?, last_run = ?, status = ?
                    WHERE id = ? AND status = 'active' AND next_run = ?""",
                    millis(next), now.toEpochMilli(), next == null ? Task.DONE : Task.ACTIVE, taskId, seenDue.toEpochMilli());
            if (updated == 0) {
                return false;
            }
            Sql.update(c, "INSERT INTO task_runs(id, task_id, started_at, status) VALUES (?, ?, ?, ?)",
                    runId, taskId, now.toEpochMilli(), TaskRun.RUNNING);
            return true;
        });
    }

    /**
     * Ends a running run. Returns false when it had already ended. The result (or error) and the
     * token counts are recorded as given.
     */
    public boolean finishRun(String runId, boolean ok, long durationMs, String text, Usage usage) {
        Usage u = usage == null ? Usage.ZERO : usage;
        return db.tx(c -> Sql.update(c, """
                UPDATE task_runs SET status = ?, duration_ms = ?, result = ?, error = ?, input_tokens = ?,
                  output_tokens = ?, cache_read_tokens = ?, cache_write_tokens = ? WHERE id = ? AND status = ?""",
                ok ? TaskRun.OK : TaskRun.ERROR, Math.max(0, durationMs), ok ? text : null, ok ? null : text, u.inputTokens(),
                u.outputTokens(), u.cacheReadTokens(), u.cacheWriteTokens(), runId, TaskRun.RUNNING) > 0);
    }

    /** Runs still marked running, oldest first (at start-up: runs a previous process did not finish). */
    public List<TaskRun> running() {
        return db.read(c -> Sql.query(c, "SELECT * FROM task_runs WHERE status = ? ORDER BY started_at, rowid",
                TaskStore::run, TaskRun.RUNNING));
    }

    /**
     * Replaces an unfinished run by a new one, once: in one transaction, marks run {@code runId} failed
     * with {@code error} and records {@code newRunId} as its running retry. Returns false, changing
     * nothing, when the run is no longer running (someone else retried or failed it).
     */
    public boolean retry(String runId, String error, String newRunId, Instant now) {
        return db.tx(c -> {
            if (Sql.update(c, "UPDATE task_runs SET status = ?, error = ? WHERE id = ? AND status = ?",
                    TaskRun.ERROR, error, runId, TaskRun.RUNNING) == 0) {
                return false;
            }
            Sql.update(c, "INSERT INTO task_runs(id, task_id, started_at, status, retry_of) "
                    + "SELECT ?, task_id, ?, ?, id FROM task_runs WHERE id = ?", newRunId, now.toEpochMilli(), TaskRun.RUNNING, runId);
            return true;
        });
    }

    /** Marks one unfinished run failed with {@code error}; returns false when it was not running. */
    public boolean fail(String runId, String error) {
        return db.tx(c -> Sql.update(c, "UPDATE task_runs SET status = ?, error = ? WHERE id = ? AND status = ?",
                TaskRun.ERROR, error, runId, TaskRun.RUNNING) > 0);
    }

    public Optional<TaskRun> run(String runId) {
        return db.read(c -> Sql.one(c, "SELECT * FROM task_runs WHERE id = ?", TaskStore::run, runId));
    }

    /** The latest runs of a task, newest first. */
    public List<TaskRun> runs(String taskId, int limit) {
        return db.read(c -> Sql.query(c, "SELECT * FROM task_runs WHERE task_id = ? ORDER BY started_at DESC, rowid DESC LIMIT ?",
                TaskStore::run, taskId, limit));
    }

    /** The latest {@code perTask} runs of every task, newest first within each task. */
    public List<TaskRun> latestRuns(int perTask) {
        return db.read(c -> Sql.query(c, """
                SELECT * FROM (SELECT r.*, ROW_NUMBER() OVER (PARTITION BY task_id ORDER BY started_at DESC, rowid DESC) AS n
                               FROM task_runs r) WHERE n <= ? ORDER BY task_id, n""",
                TaskStore::run, perTask));
    }

    private static Long millis(Instant i) {
        return i == null ? null : i.toEpochMilli();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static Task task(ResultSet rs) throws SQLException {
        return new Task(rs.getString("id"), rs.getString("group_folder"), rs.getString("chat_jid"),
                new Task.Spec(rs.getString("prompt"), rs.getString("schedule_type"), rs.getString("schedule_value"),
                        rs.getString("context_mode")),
                rs.getString("status"),
                new Task.Times(instant(rs, "next_run"), instant(rs, "last_run"), instant(rs, "created_at")));
    }

    private static TaskRun run(ResultSet rs) throws SQLException {
        long duration = rs.getLong("duration_ms");
        Long durationMs = rs.wasNull() ? null : duration;
        Usage usage = new Usage(rs.getLong("input_tokens"), rs.getLong("output_tokens"),
                rs.getLong("cache_read_tokens"), rs.getLong("cache_write_tokens"));
        return new TaskRun(rs.getString("id"), rs.getString("task_id"), instant(rs, "started_at"), rs.getString("status"),
                new TaskRun.Outcome(durationMs, rs.getString("result"), rs.getString("error"), usage), rs.getString("retry_of"));
    }
}
