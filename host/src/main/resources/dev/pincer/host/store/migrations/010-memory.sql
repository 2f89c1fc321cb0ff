-- The searchable memory (dev.pincer.host.memory): one row per indexed passage of a group's
-- file or per chat message, its text in the FTS5 table under the same rowid, and the size
-- and modification time of each indexed file so unchanged files are skipped.
CREATE TABLE memory_docs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('conversation', 'memory', 'note', 'message')),
  folder TEXT,
  path TEXT,
  line INTEGER,
  chat_jid TEXT,
  seq INTEGER,
  time TEXT,
  sender TEXT
);
CREATE INDEX memory_docs_by_file ON memory_docs(folder, path);
CREATE UNIQUE INDEX memory_docs_by_message ON memory_docs(chat_jid, seq);
CREATE VIRTUAL TABLE memory_fts USING fts5(body, tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TABLE memory_files (
  folder TEXT NOT NULL,
  path TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime_ms INTEGER NOT NULL,
  PRIMARY KEY (folder, path)
)
