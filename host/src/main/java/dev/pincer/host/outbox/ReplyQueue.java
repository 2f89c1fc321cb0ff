package dev.pincer.host.outbox;

import dev.pincer.host.store.OutboxStore;

/**
 * Queues a message in the outbox and wakes its delivery: how the host tools, {@code /reset} and a
 * failed task's notice reach a chat.
 */
@FunctionalInterface
public interface ReplyQueue {

    /**
     * @param sender the name shown as the sender, or null for the assistant's
     * @return the outbox id
     */
    long send(String chatJid, String text, String sender);

    /** Queues in {@code store}, then runs {@code wake} (normally {@link Outbox#kick}). */
    static ReplyQueue of(OutboxStore store, Runnable wake) {
        return (chatJid, text, sender) -> {
            long id = store.enqueue(chatJid, text, sender);
            wake.run();
            return id;
        };
    }
}
