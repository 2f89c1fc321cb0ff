package dev.pincer.host.channel;

/**
 * The platform refuses this message for good, so sending it again cannot help (WhatsApp's 24-hour
 * window has closed, the recipient cannot receive messages). Thrown by {@link Channel#send} or
 * {@link Channel#sendFile}: the outbox gives the reply up instead of retrying it, records the
 * message as its last error and tells the main group. The message says what happened and what the
 * owner can do about it.
 */
public final class Undeliverable extends Exception {
    private static final long serialVersionUID = 1L;

    public Undeliverable(String message) {
        super(message);
    }

    public Undeliverable(String message, Throwable cause) {
        super(message, cause);
    }
}
