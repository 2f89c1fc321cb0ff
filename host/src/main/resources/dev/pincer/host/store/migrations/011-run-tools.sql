-- The tool calls of each run, for its timeline in the web app (RunSteps).
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
