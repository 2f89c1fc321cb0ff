/**
 * SQLite storage (WAL, one connection, IMMEDIATE transactions) and its records: messages, groups,
 * sessions, runs and the outputs they applied, the outbox, the audit log; named migrations. May
 * depend on {@code config} and {@code protocol}; every stateful package depends on it.
 */
package dev.pincer.host.store;
