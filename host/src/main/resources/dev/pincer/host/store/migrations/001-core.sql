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
