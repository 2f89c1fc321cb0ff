package dev.pincer.host.channel;

import java.time.Instant;

/**
 * A message as a channel received it.
 *
 * @param chatJid  the chat id, prefixed by the channel name (e.g. {@code web:main}; see {@link ChatId})
 * @param chatName a display name for the chat, or null
 * @param id       the channel's id of the message, unique within the chat
 */
public record IncomingMessage(String chatJid, String chatName, String id, String sender, String text, Instant time) {

    public static final int MAX_TEXT = 100_000;

    public IncomingMessage {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("message text is empty");
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("message text is longer than " + MAX_TEXT + " characters");
        }
        if (chatJid == null || chatJid.isBlank() || chatJid.length() > 256 || chatJid.indexOf(':') <= 0) {
            throw new IllegalArgumentException("message has no valid chat id");
        }
        if (id == null || id.isBlank() || id.length() > 200) {
            throw new IllegalArgumentException("message has no valid id");
        }
        sender = sender == null || sender.isBlank() ? "user" : sender.strip();
        if (sender.length() > 100) {
            throw new IllegalArgumentException("sender name is longer than 100 characters");
        }
        time = time == null ? Instant.now() : time;
    }

    /** The channel that received it: the chat id's prefix. */
    public String channel() {
        return ChatId.channel(chatJid);
    }
}
