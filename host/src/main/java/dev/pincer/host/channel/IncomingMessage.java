package dev.pincer.host.channel;

import java.time.Instant;

/**
 * A message as a channel received it.
 *
 * @param chatJid  the chat id, prefixed by the channel name (e.g. {@code web:main}; see {@link ChatId})
 * @param chatName a display name for the chat, or null
 * @param id       the channel's id of the message, unique within the chat
 * @param sender   the sender's name; "user" when absent (see {@link MessageText#sender})
 * @param text     the message, checked and with {@code \n} line breaks (see {@link MessageText#clean})
 */
public record IncomingMessage(String chatJid, String chatName, String id, String sender, String text, Instant time) {

    public IncomingMessage {
        text = MessageText.clean(text);
        if (chatJid == null || chatJid.isBlank() || chatJid.length() > 256 || chatJid.indexOf(':') <= 0) {
            throw new IllegalArgumentException("message has no valid chat id");
        }
        if (id == null || id.isBlank() || id.length() > 200) {
            throw new IllegalArgumentException("message has no valid id");
        }
        sender = MessageText.sender(sender);
        time = time == null ? Instant.now() : time;
    }

    /** The channel that received it: the chat id's prefix. */
    public String channel() {
        return ChatId.channel(chatJid);
    }
}
