package dev.pincer.host.channel;

/**
 * A chat app connection (docs/DESIGN.md section 3). The core knows channels only through this interface;
 * each lives in its own module and is found with {@link java.util.ServiceLoader} or wired in {@code cli}.
 */
public interface Channel {

    /** A short name such as {@code web} or {@code telegram}; also the prefix of its chat ids. */
    String name();

    /** Whether this channel serves the chat id (e.g. {@code web:main}). */
    default boolean owns(String chatJid) {
        return chatJid.startsWith(name() + ":");
    }

    /** Starts receiving; every inbound message goes to {@code inbox}. Must not block. */
    void start(Inbox inbox) throws Exception;

    /**
     * Delivers a reply. Throwing means "not delivered": the outbox keeps it and retries.
     *
     * @param speaker who speaks; a channel that shows a name shows {@link Speaker#shown()}
     */
    void send(String chatJid, String text, Speaker speaker) throws Exception;

    /** Stops receiving and releases resources. */
    void stop();
}
