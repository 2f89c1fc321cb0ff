package dev.pincer.host.channel;

/** What a started channel reports to: messages it received and how its connection is. */
public interface ChannelContext {

    /**
     * Hands over a received message: it is stored before this returns (then routed without blocking
     * the caller). A message the core refuses (empty, too long, bad encoding) throws
     * {@link IllegalArgumentException} with the reason; the core then sends the sender a short note.
     */
    void receive(Inbound message);

    /** The connection changed: connecting, connected, or failed and retrying. */
    void state(ChannelState state);
}
