package dev.pincer.host.store;

import java.time.Instant;

/** A message as stored: {@code seq} is monotonic per chat, {@code id} unique per chat. */
public record StoredMessage(String chatJid, long seq, String id, Sender sender, String text, Meta meta) {

    /** A message without references, sent at {@code time}. */
    public StoredMessage(String chatJid, long seq, String id, Sender sender, String text, Instant time) {
        this(chatJid, seq, id, sender, text, Meta.at(time));
    }

    public Instant time() {
        return meta.time();
    }

    /**
     * Who wrote it.
     *
     * @param id        the platform's id of the sender (null for the assistant and older messages)
     * @param name      the name shown with the message: the user's, or the assistant's (or a reply's own sender)
     * @param assistant whether it is the assistant's reply
     */
    public record Sender(String id, String name, boolean assistant) {
        public Sender(String name, boolean assistant) {
            this(null, name, assistant);
        }
    }

    /**
     * @param replyTo     the platform id of the message this one answers, or null
     * @param threadId    the platform's thread, or null
     * @param mentionsBot the platform marked the bot as mentioned
     */
    public record Meta(Instant time, String replyTo, String threadId, boolean mentionsBot) {
        public static Meta at(Instant time) {
            return new Meta(time, null, null, false);
        }
    }

    /**
     * A chat as a message arrives in it.
     *
     * @param channel the channel's prefix ({@code web}, {@code tg}, ...)
     * @param group   several people, as opposed to a direct message
     */
    public record Chat(String jid, String name, String channel, boolean group) {}
}
