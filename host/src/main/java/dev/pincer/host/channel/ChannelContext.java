package dev.pincer.host.channel;

/** What a started channel reports to: messages it received and how its connection is. */
public interface ChannelContext {

    /**
     * Hands over a received message: it is stored before this returns (then routed without blocking
     * the caller). A message the core cannot take (empty, too long, bad encoding) is not stored; in a
     * registered chat the core answers it with a short note saying why. Never throws for that.
     */
    void receive(Inbound message);

    /** The connection changed: connecting, connected, or failed and retrying. */
    void state(ChannelState state);

    /**
     * Something about chat {@code chatId} the owner should know and no reply can carry, e.g. the
     * platform reported later that a reply it had accepted was not delivered. It is logged and told
     * to the main group (not when {@code chatId} is the main group's own chat, which could not get it
     * either). This default only logs.
     */
    default void tellMain(String chatId, String text) {
        org.slf4j.LoggerFactory.getLogger(ChannelContext.class).warn("{}: {}", chatId, text);
    }
}
