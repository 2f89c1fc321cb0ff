package dev.pincer.host.run;

import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.RunLedger;
import dev.pincer.host.store.SessionStore;

/** The stores a run reads and writes: groups and their cursors, messages, sessions, the run ledger. */
public record RunStores(GroupStore groups, MessageStore messages, SessionStore sessions, RunLedger ledger) {}
