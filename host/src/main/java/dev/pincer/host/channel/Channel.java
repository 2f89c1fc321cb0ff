package dev.pincer.host.channel;

import java.util.Optional;

/**
 * A connection to a chat platform (docs/DESIGN.md section 3). The core knows channels only through
 * this interface; each lives in its own module (see {@link ChannelProvider}), the web chat in the
 * web module.
 *
 * <p>Inbound: {@link #start} connects in the background (never blocking the caller) and hands every
 * message to {@link ChannelContext#receive}; the bot's own messages are handed in too, marked
 * {@link Inbound.Sender#self()} by comparing the sender id with the bot's own id (never by text), and
 * the core drops them. A lost connection is retried with backoff (see {@link Reconnect}) and reported
 * through {@link ChannelContext#state}.
 *
 * <p>Outbound: the outbox splits a reply at {@link Capabilities#maxLength()} (measured after
 * {@link #format}) and calls {@link #send} once per part, in order. Throwing means "not delivered":
 * the outbox keeps the part and retries; {@link RateLimited} says when.
 */
public interface Channel {

    /** The channel's name, e.g. {@code telegram}. */
    String name();

    /** The chat id prefix, e.g. {@code tg}: chat ids are {@code tg:<platform id>}. */
    String prefix();

    /** What the platform can do, so callers need no {@code instanceof}. */
    Capabilities capabilities();

    /** Whether this channel serves the chat id. */
    default boolean owns(String chatId) {
        return chatId.startsWith(prefix() + ":");
    }

    /** Starts receiving; must return at once (connect on a thread of its own). */
    void start(ChannelContext context);

    /**
     * The platform's formatting of a reply written in Markdown (Telegram HTML, Slack mrkdwn, ...),
     * escaped so that nothing in the text is taken as markup it was not meant to be.
     */
    default String format(String markdown) {
        return markdown;
    }

    /**
     * Sends one part of a reply, already formatted and within {@link Capabilities#maxLength()}.
     *
     * @return the platform's id of the sent message (null when the platform gives none)
     * @throws RateLimited when the platform asks to slow down
     * @throws Exception   when it was not delivered (it will be retried)
     */
    String send(Outgoing message) throws Exception;

    /**
     * Downloads a file that came with a message (the host stores it; the sandbox never reaches the
     * platform). Reads at most {@code maxBytes} + 1 bytes, so the caller can tell a file is too large.
     *
     * @throws UnsupportedOperationException when the channel cannot fetch files
     */
    default java.io.InputStream fetch(Inbound.Attachment attachment, long maxBytes) throws Exception {
        throw new UnsupportedOperationException(name() + " cannot fetch files");
    }

    /**
     * Sends a file (a document, or a photo when {@link OutgoingFile.FileRef#image()}).
     *
     * @return the platform's id of the sent message, or null
     * @throws UnsupportedOperationException when the channel cannot send files
     */
    default String sendFile(OutgoingFile file) throws Exception {
        throw new UnsupportedOperationException(name() + " cannot send files");
    }

    /** The webhook the platform calls, when it calls Pincer rather than being polled. */
    default java.util.Optional<Webhook> webhook() {
        return java.util.Optional.empty();
    }

    /** Shows "typing…" in the chat once; the core repeats it every {@link Capabilities#typingEvery()} while a run is busy. */
    default void typing(String chatId) throws Exception {
    }

    /**
     * A quick check that the settings work (e.g. the token is accepted), for {@code ./pincer doctor};
     * empty when it cannot check without starting. Returns a short description of what was checked.
     *
     * @throws Exception saying what is wrong
     */
    default Optional<String> check() throws Exception {
        return Optional.empty();
    }

    /** Stops receiving and releases everything. */
    void stop();
}
