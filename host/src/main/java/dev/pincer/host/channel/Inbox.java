package dev.pincer.host.channel;

import dev.pincer.host.store.StoredMessage;

/** Where channels hand over inbound messages: stored first, then routed. */
@FunctionalInterface
public interface Inbox {
    StoredMessage accept(IncomingMessage message);
}
