package dev.pincer.host.store;

import java.time.Instant;

/** A message as stored: {@code seq} is monotonic per chat, {@code id} unique per chat. */
public record StoredMessage(String chatJid, long seq, String id, Sender sender, String text, Instant time) {

    /**
     * Who wrote it.
     *
     * @param name      the name shown with the message: the user's, or the assistant's (or a reply's own sender)
     * @param assistant whether it is the assistant's reply
     */
    public record Sender(String name, boolean assistant) {}
}
