package dev.pincer.web;

import dev.pincer.host.channel.Channel;
import dev.pincer.host.channel.Inbox;
import dev.pincer.host.channel.IncomingMessage;
import dev.pincer.host.channel.Speaker;
import dev.pincer.host.store.StoredMessage;
import java.util.Objects;

/**
 * The local web chat as a {@link Channel}: chat ids are {@code web:<name>}.
 *
 * <p>Inbound: the {@link WebServer} hands messages to this channel (it is also an {@link Inbox}),
 * which forwards them to the inbox the host started it with. Outbound: {@link #send} has nothing
 * to push — web clients read replies with {@code GET /api/chats/{chat}/messages}, and the host's
 * outbox stores every delivered reply as an assistant message of the chat, under the name
 * {@link Speaker#shown()} gives ({@code Andy · researcher} for a sub-agent), which the page shows.
 * So {@code send} only succeeds, which is what makes the outbox mark the reply delivered (and store it).
 */
public final class WebChannel implements Channel, Inbox {

    public static final String NAME = "web";

    /** The channel has not been started by the host (or was stopped): nothing can be accepted. */
    public static final class NotStarted extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NotStarted() {
            super("the web channel is not running; the Pincer host has not started it (or is stopping)");
        }
    }

    private volatile Inbox inbox;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(Inbox inbox) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
    }

    /** Forwards to the host's inbox; throws {@link NotStarted} before {@link #start} or after {@link #stop}. */
    @Override
    public StoredMessage accept(IncomingMessage message) {
        Inbox target = inbox;
        if (target == null) {
            throw new NotStarted();
        }
        return target.accept(message);
    }

    /** Nothing to push: the outbox stores the delivered reply, and web clients read it from the store. */
    @Override
    public void send(String chatJid, String text, Speaker speaker) {
        if (!owns(chatJid)) {
            throw new IllegalArgumentException("the web channel does not serve chat '" + chatJid + "'");
        }
    }

    @Override
    public void stop() {
        inbox = null;
    }
}
