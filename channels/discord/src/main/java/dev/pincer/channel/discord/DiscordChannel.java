package dev.pincer.channel.discord;

import dev.pincer.host.channel.Capabilities;
import dev.pincer.host.channel.ChannelBase;
import dev.pincer.host.channel.ChannelContext;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.OutgoingFile;
import dev.pincer.host.channel.Reconnect;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * Discord through JDA: chats are {@code dc:<channel id>} (a server's text channel, or a direct
 * message; a thread's messages belong to its parent channel's chat and are answered in the thread),
 * replies are Discord markdown of at most {@link #MAX_LENGTH} characters, "typing…" is repeated every
 * 8 s. The connection is JDA's; see {@link Gateway} and {@link GatewayStates} for how it is kept up
 * and reported, {@link Outbound} for how replies and files are sent, {@link DiscordFiles} for how
 * received files are fetched.
 */
public final class DiscordChannel extends ChannelBase {

    static final String NAME = "discord";
    static final String PREFIX = "dc";
    /** Discord takes 2000 characters; the rest is room for a sub-agent's name. */
    static final int MAX_LENGTH = Outbound.DISCORD_MAX - Outbound.SPEAKER_ROOM;
    /** Discord shows "typing…" for about 10 s after each request. */
    static final Duration TYPING_EVERY = Duration.ofSeconds(8);

    private final DiscordSettings settings;
    private final DirectChats directChats;
    private final DiscordFiles files;
    private volatile Gateway gateway;
    private volatile Reconnect reconnect;

    DiscordChannel(DiscordSettings settings) {
        super(NAME, PREFIX, new Capabilities(MAX_LENGTH, true, TYPING_EVERY, false, false, true));
        this.settings = settings;
        this.directChats = new DirectChats(settings.dataDir());
        this.files = new DiscordFiles(settings);
    }

    @Override
    public synchronized void start(ChannelContext context) {
        gateway = new Gateway(settings, context, directChats);
        reconnect = Reconnect.start(NAME, context, gateway);
    }

    @Override
    public String format(String markdown) {
        return DiscordMarkdown.format(markdown);
    }

    @Override
    public String send(Outgoing message) throws Exception {
        return outbound().send(message);
    }

    @Override
    public String sendFile(OutgoingFile file) throws Exception {
        return outbound().sendFile(file);
    }

    /** Downloads an attachment from Discord's CDN ({@link DiscordFiles}). */
    @Override
    public InputStream fetch(Inbound.Attachment attachment, long maxBytes) throws Exception {
        return files.fetch(attachment, maxBytes);
    }

    @Override
    public void typing(String chatId) throws Exception {
        outbound().typing(chatId);
    }

    @Override
    public Optional<String> check() throws Exception {
        return Optional.of(BotCheck.check(settings));
    }

    @Override
    public synchronized void stop() {
        if (reconnect != null) {
            reconnect.close();
        }
        if (gateway != null) {
            gateway.stop();
        }
    }

    private Outbound outbound() {
        Gateway g = gateway;
        if (g == null) {
            throw new IllegalStateException("the Discord channel is not started");
        }
        return new Outbound(g::current, directChats);
    }
}
