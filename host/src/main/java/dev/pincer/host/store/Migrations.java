package dev.pincer.host.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Schema migrations, applied by name at start. A migration, once released, never changes: add a
 * new one instead. Each runs in its own transaction together with its bookkeeping row.
 */
final class Migrations {
    private Migrations() {}

    record Migration(String name, String sql) {}

    static final List<Migration> ALL = List.of(
            new Migration("001-core", """
                    CREATE TABLE chats (
                      jid TEXT PRIMARY KEY,
                      name TEXT,
                      channel TEXT NOT NULL,
                      last_seq INTEGER NOT NULL DEFAULT 0,
                      last_message_time TEXT
                    );
                    CREATE TABLE messages (
                      chat_jid TEXT NOT NULL REFERENCES chats(jid),
                      seq INTEGER NOT NULL,
                      id TEXT NOT NULL,
                      sender TEXT NOT NULL,
                      text TEXT NOT NULL,
                      from_assistant INTEGER NOT NULL DEFAULT 0,
                      time TEXT NOT NULL,
                      PRIMARY KEY (chat_jid, seq),
                      UNIQUE (chat_jid, id)
                    );
                    CREATE TABLE groups (
                      folder TEXT PRIMARY KEY,
                      jid TEXT NOT NULL UNIQUE,
                      name TEXT NOT NULL,
                      trigger_word TEXT NOT NULL,
                      requires_trigger INTEGER NOT NULL,
                      is_main INTEGER NOT NULL,
                      config TEXT NOT NULL DEFAULT '{}',
                      cursor_seq INTEGER NOT NULL DEFAULT 0,
                      added_at TEXT NOT NULL
                    );
                    CREATE TABLE sessions (
                      folder TEXT PRIMARY KEY,
                      session_id TEXT NOT NULL,
                      updated_at TEXT NOT NULL
                    );
                    CREATE TABLE runs (
                      id TEXT PRIMARY KEY,
                      folder TEXT NOT NULL,
                      chat_jid TEXT NOT NULL,
                      through_seq INTEGER NOT NULL,
                      started_at TEXT NOT NULL,
                      ended_at TEXT,
                      status TEXT NOT NULL,
                      error TEXT,
                      input_tokens INTEGER NOT NULL DEFAULT 0,
                      output_tokens INTEGER NOT NULL DEFAULT 0,
                      cache_read_tokens INTEGER NOT NULL DEFAULT 0,
                      cache_write_tokens INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX runs_by_folder ON runs(folder, started_at);
                    CREATE TABLE applied_outputs (
                      folder TEXT NOT NULL,
                      file TEXT NOT NULL,
                      applied_at TEXT NOT NULL,
                      PRIMARY KEY (folder, file)
                    );
                    CREATE TABLE outbox (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      chat_jid TEXT NOT NULL,
                      text TEXT NOT NULL,
                      sender TEXT,
                      run_id TEXT,
                      created_at TEXT NOT NULL,
                      delivered_at TEXT,
                      attempts INTEGER NOT NULL DEFAULT 0,
                      last_error TEXT
                    );
                    CREATE INDEX outbox_pending ON outbox(delivered_at) WHERE delivered_at IS NULL;
                    CREATE TABLE audit (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      time TEXT NOT NULL,
                      folder TEXT,
                      kind TEXT NOT NULL,
                      verdict TEXT NOT NULL,
                      detail TEXT
                    );
                    """),
            // Scheduled tasks and their runs. Times are epoch milliseconds (UTC) so that due times
            // compare exactly in SQL: the scheduler's claim matches next_run by equality.
            new Migration("002-tasks", """
                    CREATE TABLE tasks (
                      id TEXT PRIMARY KEY,
                      group_folder TEXT NOT NULL,
                      chat_jid TEXT NOT NULL,
                      prompt TEXT NOT NULL,
                      schedule_type TEXT NOT NULL CHECK (schedule_type IN ('cron', 'interval', 'once')),
                      schedule_value TEXT NOT NULL,
                      context_mode TEXT NOT NULL CHECK (context_mode IN ('group', 'isolated')),
                      status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'cancelled', 'done')),
                      next_run INTEGER,
                      last_run INTEGER,
                      created_at INTEGER NOT NULL
                    );
                    CREATE INDEX tasks_due ON tasks(next_run) WHERE status = 'active';
                    CREATE INDEX tasks_by_folder ON tasks(group_folder);
                    CREATE TABLE task_runs (
                      id TEXT PRIMARY KEY,
                      task_id TEXT NOT NULL REFERENCES tasks(id),
                      started_at INTEGER NOT NULL,
                      duration_ms INTEGER,
                      status TEXT NOT NULL CHECK (status IN ('running', 'ok', 'error')),
                      result TEXT,
                      error TEXT,
                      input_tokens INTEGER NOT NULL DEFAULT 0,
                      output_tokens INTEGER NOT NULL DEFAULT 0,
                      cache_read_tokens INTEGER NOT NULL DEFAULT 0,
                      cache_write_tokens INTEGER NOT NULL DEFAULT 0,
                      retry_of TEXT REFERENCES task_runs(id)
                    );
                    CREATE INDEX task_runs_by_task ON task_runs(task_id, started_at);
                    """),
            new Migration("003-isolated-runs", """
                    ALTER TABLE runs ADD COLUMN keep_session INTEGER NOT NULL DEFAULT 1;
                    ALTER TABLE runs ADD COLUMN task_run_id TEXT
                    """),
            // Model usage as the egress proxy counted it from the provider's responses (UsageStore):
            // per run, per group and day (day in TZ), and the budget notices already sent to main.
            new Migration("004-usage", """
                    CREATE TABLE usage_runs (
                      run_id TEXT PRIMARY KEY,
                      folder TEXT NOT NULL,
                      calls INTEGER NOT NULL DEFAULT 0,
                      input_tokens INTEGER NOT NULL DEFAULT 0,
                      output_tokens INTEGER NOT NULL DEFAULT 0,
                      cache_read_tokens INTEGER NOT NULL DEFAULT 0,
                      cache_write_tokens INTEGER NOT NULL DEFAULT 0,
                      cost_usd REAL NOT NULL DEFAULT 0
                    );
                    CREATE TABLE usage_days (
                      folder TEXT NOT NULL,
                      day TEXT NOT NULL,
                      calls INTEGER NOT NULL DEFAULT 0,
                      input_tokens INTEGER NOT NULL DEFAULT 0,
                      output_tokens INTEGER NOT NULL DEFAULT 0,
                      cache_read_tokens INTEGER NOT NULL DEFAULT 0,
                      cache_write_tokens INTEGER NOT NULL DEFAULT 0,
                      cost_usd REAL NOT NULL DEFAULT 0,
                      PRIMARY KEY (folder, day)
                    );
                    CREATE TABLE budget_notices (
                      folder TEXT NOT NULL,
                      day TEXT NOT NULL,
                      budget TEXT NOT NULL,
                      noticed_at TEXT NOT NULL,
                      PRIMARY KEY (folder, day)
                    )
                    """),
            // What each run's sandbox actually got (null: no sandbox was started for it).
            new Migration("006-isolation", """
                    ALTER TABLE runs ADD COLUMN sandbox_runtime TEXT;
                    ALTER TABLE runs ADD COLUMN sandbox_seccomp TEXT;
                    ALTER TABLE runs ADD COLUMN sandbox_limits TEXT;
                    ALTER TABLE runs ADD COLUMN sandbox_limits_per_sandbox INTEGER;
                    ALTER TABLE runs ADD COLUMN sandbox_memory_mb INTEGER;
                    ALTER TABLE runs ADD COLUMN sandbox_pids INTEGER;
                    ALTER TABLE runs ADD COLUMN sandbox_cpus REAL;
                    ALTER TABLE runs ADD COLUMN sandbox_uid INTEGER;
                    ALTER TABLE runs ADD COLUMN sandbox_gid INTEGER
                    """),
            // Channels: who sent a message and what it answers (threads, reply-to, mentions), group chats
            // vs direct messages, a reply's thread and how many of its parts a channel took, pairing codes.
            new Migration("007-channels", """
                    ALTER TABLE chats ADD COLUMN is_group INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE messages ADD COLUMN sender_id TEXT;
                    ALTER TABLE messages ADD COLUMN reply_to TEXT;
                    ALTER TABLE messages ADD COLUMN thread_id TEXT;
                    ALTER TABLE messages ADD COLUMN mentions_bot INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE outbox ADD COLUMN reply_to TEXT;
                    ALTER TABLE outbox ADD COLUMN thread_id TEXT;
                    ALTER TABLE outbox ADD COLUMN reply_is_reply INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE outbox ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0;
                    CREATE TABLE pairings (
                      code TEXT PRIMARY KEY,
                      chat_jid TEXT NOT NULL,
                      chat_name TEXT,
                      sender_id TEXT NOT NULL,
                      sender_name TEXT,
                      created_at TEXT NOT NULL,
                      approved_at TEXT
                    );
                    CREATE INDEX pairings_by_sender ON pairings(sender_id, created_at)
                    """),
            // The tool calls of each run, for its timeline in the web app (RunSteps).
            new Migration("013-run-tools", """
                    CREATE TABLE run_tools (
                      run_id TEXT NOT NULL,
                      call_id TEXT NOT NULL,
                      name TEXT NOT NULL,
                      input TEXT,
                      started_at TEXT NOT NULL,
                      duration_ms INTEGER,
                      result TEXT,
                      is_error INTEGER NOT NULL DEFAULT 0,
                      PRIMARY KEY (run_id, call_id)
                    )
                    """));

    static void apply(Database db) {
        db.tx(c -> {
            try (var s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
            }
            return null;
        });
        Set<String> done = db.read(c -> {
            Set<String> names = new HashSet<>();
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM schema_migrations")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
        for (Migration m : ALL) {
            if (done.contains(m.name())) {
                continue;
            }
            db.tx(c -> {
                for (String statement : m.sql().split(";")) {
                    if (!statement.isBlank()) {
                        try (var s = c.createStatement()) {
                            s.executeUpdate(statement);
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_migrations(name, applied_at) VALUES (?, ?)")) {
                    ps.setString(1, m.name());
                    ps.setString(2, Instant.now().toString());
                    ps.executeUpdate();
                }
                return null;
            });
        }
    }

    /** Names of applied migrations, for tests and {@code doctor}. */
    static List<String> applied(Database db) throws SQLException {
        return db.read(c -> {
            List<String> names = new java.util.ArrayList<>();
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM schema_migrations ORDER BY name")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
    }
}
