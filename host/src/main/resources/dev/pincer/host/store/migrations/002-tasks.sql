-- Scheduled tasks and their runs. Times are epoch milliseconds (UTC) so that due times
-- compare exactly in SQL: the scheduler's claim matches next_run by equality.
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
