/**
 * The searchable memory: a full-text index (SQLite FTS5, ranked with BM25) over each group's archived
 * conversations, memory files, notes and chat messages. {@link dev.pincer.host.memory.MemoryIndex}
 * keeps it current (messages as they are stored, files by size and modification time, read without
 * following links); {@link dev.pincer.host.memory.MemorySearch} answers queries within a
 * {@link dev.pincer.host.memory.Scope}. Who may search what is decided by {@code hosttools}. May
 * depend on {@code store} and {@code config}.
 */
package dev.pincer.host.memory;
