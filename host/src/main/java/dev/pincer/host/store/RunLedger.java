package dev.pincer.host.store;

import dev.pincer.host.sandbox.Isolation;
import dev.pincer.host.sandbox.Limits;
import dev.pincer.protocol.AgentOutput;
import dev.pincer.protocol.Usage;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Agent runs and the outputs they produced. Each output file is applied in one transaction keyed
 * by (folder, file name): applying the same file twice changes nothing, so a crash between
 * applying and deleting the file loses nothing and duplicates nothing. The group's cursor moves
 * in the same transaction.
 */
public final class RunLedger {

    /**
     * One run as recorded.
     *
     * @param throughSeq the last message of the chat the run answers
     */
    public record Run(String id, String folder, String chatJid, long throughSeq, Span span, Outcome outcome) {
        public String status() {
            return outcome.status();
        }

        public String error() {
            return outcome.error();
        }

        public Usage usage() {
            return outcome.usage();
        }

        public Instant startedAt() {
            return span.startedAt();
        }

        public Instant endedAt() {
            return span.endedAt();
        }
    }

    /** When a run started and ended; {@code endedAt} is null while it runs. */
    public record Span(Instant startedAt, Instant endedAt) {}

    /**
     * @param status {@link #RUNNING}, {@link #OK} or {@link #ERROR}
     * @param error  why the run failed, or null
     * @param usage  the tokens its model calls took
     */
    public record Outcome(String status, String error, Usage usage) {}

    public static final String RUNNING = "running";
    public static final String OK = "ok";
    public static final String ERROR = "error";

    private final Database db;

    public RunLedger(Database db) {
        this.db = db;
    }

    /** Records the start of a run that answers messages up to {@code throughSeq}. */
    public void start(String runId, String folder, String chatJid, long throughSeq) {
        start(runId, folder, chatJid, throughSeq, null, true);
    }

    /**
     * Records the start of a run of a scheduled task ({@code taskRunId}); an isolated one
     * ({@code keepSession} false) never replaces the group's session.
     */
    public void start(String runId, String folder, String chatJid, long throughSeq, String taskRunId, boolean keepSession) {
        db.tx(c -> Sql.update(c, """
                INSERT INTO runs(id, folder, chat_jid, through_seq, started_at, status, task_run_id, keep_session)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                runId, folder, chatJid, throughSeq, Instant.now().toString(), RUNNING, taskRunId, keepSession));
    }

    /**
     * Applies a {@code message} output: queues it in the outbox (unless blank after stripping) and
     * advances the cursor. Returns the outbox id, or empty if nothing was queued or the file was
     * applied before.
     */
    public Optional<Long> applyMessage(String folder, String file, String runId, String chatJid, String text, String sender) {
        return db.tx(c -> {
            if (!markApplied(c, folder, file)) {
                return Optional.empty();
            }
            advanceCursor(c, folder, runId);
            if (text == null || text.isBlank()) {
                return Optional.empty();
            }
            // The reply goes to the thread of the last message it answers (the run's through_seq).
            return Optional.of(Sql.insert(c, """
                    INSERT INTO outbox(chat_jid, text, sender, run_id, created_at, reply_to, thread_id, reply_is_reply)
                    SELECT ?, ?, ?, ?, ?, m.id, m.thread_id, m.reply_to IS NOT NULL
                    FROM (SELECT 1) LEFT JOIN messages m ON m.chat_jid = ? AND m.from_assistant = 0
                      AND m.seq = (SELECT through_seq FROM runs WHERE id = ? AND folder = ?)""",
                    chatJid, text, sender, runId, Instant.now().toString(), chatJid, runId, folder));
        });
    }

    /**
     * Applies a {@code result} output: ends the run, saves the session, and advances the cursor when
     * its messages count as answered ({@link AgentOutput.Result#answered()}: ok, or a budget stopped it).
     */
    public boolean applyResult(String folder, String file, AgentOutput.Result r) {
        return db.tx(c -> {
            if (!markApplied(c, folder, file)) {
                return false;
            }
            Usage u = r.usage() == null ? Usage.ZERO : r.usage();
            Sql.update(c, """
                    UPDATE runs SET ended_at = ?, status = ?, error = ?, input_tokens = ?, output_tokens = ?,
                      cache_read_tokens = ?, cache_write_tokens = ? WHERE id = ? AND folder = ? AND status = ?""",
                    Instant.now().toString(), r.ok() ? OK : ERROR, r.error(), u.inputTokens(), u.outputTokens(),
                    u.cacheReadTokens(), u.cacheWriteTokens(), r.runId(), folder, RUNNING);
            boolean keepSession = Sql.number(c, "SELECT keep_session FROM runs WHERE id = ? AND folder = ?", r.runId(), folder) == 1;
            if (keepSession && r.sessionId() != null && r.sessionId().matches("[A-Za-z0-9-]{1,64}")) {
                Sql.update(c, """
                        INSERT INTO sessions(folder, session_id, updated_at) VALUES (?, ?, ?)
                        ON CONFLICT(folder) DO UPDATE SET session_id = excluded.session_id, updated_at = excluded.updated_at""",
                        folder, r.sessionId(), Instant.now().toString());
            }
            if (r.answered()) {
                advanceCursor(c, folder, r.runId());
            }
            return true;
        });
    }

    /**
     * Ends a run whose messages were fed into a sandbox that answered them together with a later
     * batch: it takes the later run's status and error. Returns false if it had already ended.
     */
    public boolean endWith(String runId, String laterRunId) {
        return db.tx(c -> Sql.update(c, """
                UPDATE runs SET ended_at = ?, status = (SELECT status FROM runs WHERE id = ?),
                  error = (SELECT error FROM runs WHERE id = ?) WHERE id = ? AND status = ?""",
                Instant.now().toString(), laterRunId, laterRunId, runId, RUNNING) > 0);
    }

    /** Marks a run that ended without a result (crash, timeout, kill). Returns false if it had already ended. */
    public boolean fail(String runId, String error) {
        return db.tx(c -> Sql.update(c, "UPDATE runs SET ended_at = ?, status = ?, error = ? WHERE id = ? AND status = ?",
                Instant.now().toString(), ERROR, error, runId, RUNNING) > 0);
    }

    /**
     * Ends a running run that the operator stopped: failed with {@code error}, and its messages
     * count as handled (the group's cursor moves past them), in one transaction. Returns false if
     * it had already ended.
     */
    public boolean stop(String runId, String error) {
        return db.tx(c -> {
            if (Sql.update(c, "UPDATE runs SET ended_at = ?, status = ?, error = ? WHERE id = ? AND status = ?",
                    Instant.now().toString(), ERROR, error, runId, RUNNING) == 0) {
                return false;
            }
            String folder = Sql.one(c, "SELECT folder FROM runs WHERE id = ?", rs -> rs.getString(1), runId).orElseThrow();
            advanceCursor(c, folder, runId);
            return true;
        });
    }

    /** Runs left {@code running} by a previous process (it crashed); they are marked failed at start. */
    public int failAbandoned() {
        return db.tx(c -> Sql.update(c, "UPDATE runs SET ended_at = ?, status = ?, error = ? WHERE status = ?",
                Instant.now().toString(), ERROR, "Pincer stopped during the run", RUNNING));
    }

    /** Records what the sandbox a run started got (or would have got, if it was refused). */
    public void recordIsolation(String runId, Isolation i) {
        db.tx(c -> Sql.update(c, """
                UPDATE runs SET sandbox_runtime = ?, sandbox_seccomp = ?, sandbox_limits = ?, sandbox_limits_per_sandbox = ?,
                  sandbox_memory_mb = ?, sandbox_pids = ?, sandbox_cpus = ?, sandbox_uid = ?, sandbox_gid = ? WHERE id = ?""",
                i.runtime(), i.seccomp().label(), i.limits().mechanism(), i.limits().capsSandbox(), i.limits().values().memoryMb(),
                i.limits().values().pids(), i.limits().values().cpus(), i.uid(), i.gid(), runId));
    }

    /** A run handed to a live sandbox ran in the sandbox {@code sandboxRunId} started: it gets the same record. */
    public void copyIsolation(String sandboxRunId, String runId) {
        db.tx(c -> Sql.update(c, """
                UPDATE runs SET (sandbox_runtime, sandbox_seccomp, sandbox_limits, sandbox_limits_per_sandbox, sandbox_memory_mb,
                  sandbox_pids, sandbox_cpus, sandbox_uid, sandbox_gid) = (SELECT sandbox_runtime, sandbox_seccomp, sandbox_limits,
                  sandbox_limits_per_sandbox, sandbox_memory_mb, sandbox_pids, sandbox_cpus, sandbox_uid, sandbox_gid
                  FROM runs WHERE id = ?) WHERE id = ?""", sandboxRunId, runId));
    }

    /** What the sandbox of a run got; empty if none was recorded. */
    public Optional<Isolation> isolation(String runId) {
        return db.read(c -> Sql.one(c, "SELECT * FROM runs WHERE id = ? AND sandbox_runtime IS NOT NULL", rs -> new Isolation(
                rs.getString("sandbox_runtime"), seccomp(rs.getString("sandbox_seccomp")),
                new Isolation.Enforcement(rs.getString("sandbox_limits"), rs.getInt("sandbox_limits_per_sandbox") == 1,
                        new Limits(rs.getInt("sandbox_memory_mb"), rs.getInt("sandbox_pids"), rs.getDouble("sandbox_cpus"))),
                rs.getInt("sandbox_uid"), rs.getInt("sandbox_gid")), runId));
    }

    private static Isolation.Seccomp seccomp(String label) {
        for (Isolation.Seccomp s : Isolation.Seccomp.values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        throw new IllegalStateException("unknown seccomp mode in the run ledger: " + label);
    }

    /** The most recent run of a group, if any. */
    public Optional<Run> latest(String folder) {
        return db.read(c -> Sql.one(c, "SELECT * FROM runs WHERE folder = ? ORDER BY started_at DESC, rowid DESC LIMIT 1",
                RunLedger::row, folder));
    }

    /** The ids of a group's most recent runs, newest first. */
    public java.util.Set<String> recentIds(String folder, int limit) {
        return new java.util.LinkedHashSet<>(db.read(c -> Sql.query(c,
                "SELECT id FROM runs WHERE folder = ? ORDER BY started_at DESC, rowid DESC LIMIT ?",
                rs -> rs.getString(1), folder, limit)));
    }

    public Optional<Run> byId(String runId) {
        return db.read(c -> Sql.one(c, "SELECT * FROM runs WHERE id = ?", RunLedger::row, runId));
    }

    /** The most recent runs of group {@code folder} with {@code status} (null: any), newest first. */
    public List<Run> recent(String folder, String status, int limit) {
        return db.read(c -> Sql.query(c, """
                SELECT * FROM runs WHERE (? IS NULL OR folder = ?) AND (? IS NULL OR status = ?)
                ORDER BY started_at DESC, rowid DESC LIMIT ?""", RunLedger::row, folder, folder, status, status, limit));
    }

    public List<Run> recent(int limit) {
        return db.read(c -> Sql.query(c, "SELECT * FROM runs ORDER BY started_at DESC, rowid DESC LIMIT ?", RunLedger::row, limit));
    }

    /** Token totals over all runs. */
    public Usage totals() {
        return db.read(c -> Sql.one(c, """
                SELECT SUM(input_tokens), SUM(output_tokens), SUM(cache_read_tokens), SUM(cache_write_tokens) FROM runs""",
                rs -> new Usage(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).orElse(Usage.ZERO));
    }

    private static boolean markApplied(Connection c, String folder, String file) throws SQLException {
        return Sql.update(c, "INSERT OR IGNORE INTO applied_outputs(folder, file, applied_at) VALUES (?, ?, ?)",
                folder, file, Instant.now().toString()) > 0;
    }

    private static void advanceCursor(Connection c, String folder, String runId) throws SQLException {
        Sql.update(c, """
                UPDATE groups SET cursor_seq = MAX(cursor_seq, (SELECT through_seq FROM runs WHERE id = ? AND folder = ?))
                WHERE folder = ? AND EXISTS (SELECT 1 FROM runs WHERE id = ? AND folder = ?)""",
                runId, folder, folder, runId, folder);
    }

    private static Run row(java.sql.ResultSet rs) throws SQLException {
        String ended = rs.getString("ended_at");
        Usage usage = new Usage(rs.getLong("input_tokens"), rs.getLong("output_tokens"),
                rs.getLong("cache_read_tokens"), rs.getLong("cache_write_tokens"));
        return new Run(rs.getString("id"), rs.getString("folder"), rs.getString("chat_jid"), rs.getLong("through_seq"),
                new Span(Instant.parse(rs.getString("started_at")), ended == null ? null : Instant.parse(ended)),
                new Outcome(rs.getString("status"), rs.getString("error"), usage));
    }
}
