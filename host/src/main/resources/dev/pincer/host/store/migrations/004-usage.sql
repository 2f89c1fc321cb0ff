-- Model usage as the egress proxy counted it from the provider's responses (UsageStore):
-- per run, per group and day (day in TZ), and the budget notices already sent to main.
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
