-- Files that came with messages (media): where each was kept, what the model is shown, why one is missing.
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  chat_jid TEXT NOT NULL,
  message_id TEXT NOT NULL,
  folder TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT,
  mime TEXT,
  size INTEGER,
  path TEXT,
  view_path TEXT,
  transcript TEXT,
  problem TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX attachments_by_message ON attachments(chat_jid, message_id);
ALTER TABLE outbox ADD COLUMN file_folder TEXT;
ALTER TABLE outbox ADD COLUMN file_path TEXT;
ALTER TABLE outbox ADD COLUMN file_name TEXT;
ALTER TABLE outbox ADD COLUMN file_mime TEXT;
ALTER TABLE outbox ADD COLUMN file_size INTEGER
