package dev.pincer.web;

import dev.pincer.host.channel.Capabilities;
import dev.pincer.host.channel.ChannelBase;
import dev.pincer.host.channel.ChannelContext;
import dev.pincer.host.channel.ChannelState;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.OutgoingFile;
import dev.pincer.host.channel.Speaker;

/**
 * The local web chat as a {@link Channel}: chat ids are {@code web:<name>}.
 *
 * <p>Inbound: the {@link WebServer} hands posted messages straight to the host's inbox. Outbound:
 * {@link #send} has nothing to push — web clients read replies with
 * {@code GET /api/chats/{chat}/messages}, and the host's outbox stores every delivered reply as an
 * assistant message of the chat, under the name {@link Speaker#shown()} gives ({@code Andy ·
 * researcher} for a sub-agent), which the page shows. So {@code send} only succeeds, which is what
 * makes the outbox mark the reply delivered (and store it). Typing shows through {@code /api/events}.
 */
public final class WebChannel extends ChannelBase {

    public static final String NAME = "web";
    private static final Capabilities CAPABILITIES = new Capabilities(100_000, false, null, false, false, true);

    private final Uploads uploads;

    /** @param uploads the files posted with messages, which the host fetches through {@link #fetch} */
    WebChannel(Uploads uploads) {
        super(NAME, NAME, CAPABILITIES);
        this.uploads = uploads;
    }

    @Override
    public void start(ChannelContext context) {
        context.state(new ChannelState.Connected());
    }

    /** Nothing to push: the outbox stores the delivered reply, and web clients read it from the store. */
    @Override
    public String send(Outgoing message) {
        requireServed(message.chatId());
        return null;
    }

    /** An uploaded file, once: the upload is removed when the host has read it. */
    @Override
    public java.io.InputStream fetch(Inbound.Attachment attachment, long maxBytes) throws java.io.IOException {
        return uploads.take(attachment.fileId());
    }

    /** Nothing to push, as for text: the outbox records the file with the chat's message, and the page shows it. */
    @Override
    public String sendFile(OutgoingFile file) {
        requireServed(file.chatId());
        return null;
    }

    /** Refuses a chat this channel does not serve. */
    private void requireServed(String chatId) {
        if (!owns(chatId)) {
            throw new IllegalArgumentException("the web channel does not serve chat '" + chatId + "'");
        }
    }

    @Override
    public void stop() {
    }
}
