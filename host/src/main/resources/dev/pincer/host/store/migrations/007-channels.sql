-- Channels: who sent a message and what it answers (threads, reply-to, mentions), group chats
-- vs direct messages, a reply's thread and how many of its parts a channel took, pairing codes.
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
