package dev.pincer.channel.discord;

import dev.pincer.host.channel.Backoff;
import dev.pincer.host.channel.ChannelContext;
import dev.pincer.host.channel.Reconnect;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.api.utils.cache.CacheFlag;

/**
 * One JDA session at a time, as a {@link Reconnect.Session}: builds JDA (which logs in over REST on
 * this thread, so it runs on the channel's own thread, never the caller's), then waits while JDA
 * keeps the gateway up by itself ({@link GatewayStates} reports how it goes). If the login fails or
 * JDA gives up, the session ends with the reason, and {@link Reconnect} builds a new one after its
 * backoff.
 */
final class Gateway implements Reconnect.Session {

    /** The longest wait between JDA's own reconnect attempts (the same cap as the channel's backoff). */
    static final Duration MAX_RECONNECT = Backoff.CAP;
    /** Message Content is privileged: it must be switched on for the bot in the developer portal. */
    static final EnumSet<GatewayIntent> INTENTS = EnumSet.of(GatewayIntent.GUILD_MESSAGES,
            GatewayIntent.DIRECT_MESSAGES, GatewayIntent.MESSAGE_CONTENT);
    private static final Duration LOOK = Duration.ofSeconds(2);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final DiscordSettings settings;
    private final ChannelContext context;
    private final InboundMessages inbound;
    private volatile JDA jda;
    private volatile boolean stopped;

    Gateway(DiscordSettings settings, ChannelContext context, DirectChats directChats) {
        this.settings = settings;
        this.context = context;
        this.inbound = new InboundMessages(context, directChats);
    }

    @Override
    public void run(Runnable connected) throws Exception {
        GatewayStates states = new GatewayStates(context, connected, settings.gatewayUrl(), GatewayStates.STUCK);
        JDA session;
        try {
            session = builder(settings).addEventListeners(states, inbound).build();
        } catch (InvalidTokenException e) {
            throw new IOException(DiscordSettings.tokenRefused("401"));
        } catch (RuntimeException e) {
            throw new IOException("cannot log in at the Discord API at " + settings.apiUrl() + ": " + Outbound.describe(e), e);
        }
        jda = session;
        try {
            if (stopped) {
                throw new InterruptedException("stopped");
            }
            while (!session.awaitShutdown(LOOK)) {
                states.checkStuck();
            }
            throw new IOException(states.shutdownReason());
        } finally {
            states.close();
            jda = null;
            session.shutdownNow();
        }
    }

    /** The running session, for sending. */
    JDA current() throws IOException {
        JDA j = jda;
        if (j == null) {
            throw new IOException("not logged in to Discord yet");
        }
        return j;
    }

    /** Ends the session (the channel is stopping); waits a moment for JDA to close its connections. */
    void stop() {
        stopped = true;
        JDA j = jda;
        if (j != null) {
            j.shutdownNow();
            try {
                j.awaitShutdown(STOP_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * JDA as Pincer runs it: only the three intents, the configured addresses, no compression, no
     * caches but role tags (to know the bot's own role when it is mentioned).
     */
    static JDABuilder builder(DiscordSettings settings) {
        return JDABuilder.createLight(settings.token(), INTENTS)
                .enableCache(CacheFlag.ROLE_TAGS)
                .setRestConfig(new RestConfig().setBaseUrl(settings.apiUrl()))
                .setSessionController(new FixedGateway(settings.gatewayUrl()))
                .setCompression(Compression.NONE)
                .setEnableShutdownHook(false)
                .setMaxReconnectDelay((int) MAX_RECONNECT.toSeconds());
    }

    /** JDA's session controller with the gateway address from the settings. */
    static final class FixedGateway extends SessionControllerAdapter {
        private final String url;

        FixedGateway(String url) {
            this.url = url;
        }

        @Override
        public String getGateway() {
            return url;
        }
    }
}
