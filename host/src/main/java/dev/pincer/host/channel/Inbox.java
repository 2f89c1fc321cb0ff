package dev.pincer.host.channel;

import dev.pincer.host.store.StoredMessage;

/** Where inbound messages go: stored first, then routed. */
@FunctionalInterface
public interface Inbox {

    /**
     * Stores and routes a message; returns it as stored, or null when it is dropped (the bot's own).
     *
     * @throws IllegalArgumentException when the message cannot be taken (empty, too long, bad
     *                                  encoding), naming the problem; nothing is stored then
     */
    StoredMessage accept(Inbound message);
}
