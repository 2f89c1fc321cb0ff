package dev.pincer.host.run;

import dev.pincer.host.media.AttachmentStore;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.RunLedger;
import dev.pincer.host.store.SessionStore;

/**
 * The stores a run reads and writes: groups and their cursors, messages and their files, sessions,
 * the run ledger.
 */
public record RunStores(GroupStore groups, MessageStore messages, AttachmentStore attachments, SessionStore sessions,
                        RunLedger ledger) {}
