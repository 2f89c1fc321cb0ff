package dev.pincer.channel.discord;

import dev.pincer.host.channel.Backoff;
import dev.pincer.host.channel.ChannelContext;
import dev.pincer.host.channel.ChannelState;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.StatusChangeEvent;
import net.dv8tion.jda.api.events.session.SessionDisconnectEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.CloseCode;

/**
 * One JDA session's status, as the channel's state. JDA keeps its gateway connection up itself
 * (resuming, or identifying again, with its own backoff of 2 s doubling up to
 * {@link Gateway#MAX_RECONNECT}); this listener reports what it does: connected, connecting, or
 * retrying with the reason the connection was lost. A gateway that never answers while JDA keeps
 * trying shows as retrying after {@link #STUCK}. When JDA gives up (it shut down), the session ends
 * with {@link #shutdownReason()} and the channel builds a new one.
 */
final class GatewayStates extends ListenerAdapter {

    /** How long connecting may take before it shows as retrying. */
    static final Duration STUCK = Duration.ofSeconds(20);

    private final ChannelContext context;
    private final Runnable connected;
    private final String gatewayUrl;
    private final Duration stuckAfter;
    private final Backoff jdaSchedule = new Backoff(Duration.ofSeconds(2), Gateway.MAX_RECONNECT);
    private volatile String lastError;
    private volatile String shutdownReason = "the Discord session ended";
    private final CountDownLatch shutdownSeen = new CountDownLatch(1);
    private volatile boolean up;
    private volatile long changedAt = System.nanoTime();
    private volatile boolean stuckTold;
    private volatile boolean closed;

    /**
     * @param connected  the channel's "connected" callback (it also resets the channel's own backoff)
     * @param stuckAfter how long connecting may take before it shows as retrying ({@link #STUCK})
     */
    GatewayStates(ChannelContext context, Runnable connected, String gatewayUrl, Duration stuckAfter) {
        this.context = context;
        this.connected = connected;
        this.gatewayUrl = gatewayUrl;
        this.stuckAfter = stuckAfter;
    }

    @Override
    public void onStatusChange(StatusChangeEvent event) {
        if (closed) {
            return;
        }
        changedAt = System.nanoTime();
        stuckTold = false;
        JDA.Status status = event.getNewStatus();
        up = status == JDA.Status.CONNECTED;
        switch (status) {
            case CONNECTED -> {
                jdaSchedule.reset();
                lastError = null;
                connected.run();
            }
            case WAITING_TO_RECONNECT, RECONNECT_QUEUED -> {
                if (event.getOldStatus() == JDA.Status.ATTEMPTING_TO_RECONNECT) {
                    lastError = "cannot reach the Discord gateway at " + gatewayUrl;
                }
                context.state(new ChannelState.Retrying(lastError == null ? "lost the connection to the Discord gateway"
                        : lastError, jdaSchedule.next()));
            }
            case DISCONNECTED, SHUTTING_DOWN, SHUTDOWN, FAILED_TO_LOGIN -> { }
            default -> context.state(new ChannelState.Connecting());
        }
    }

    @Override
    public void onSessionDisconnect(SessionDisconnectEvent event) {
        CloseCode code = event.getCloseCode();
        int raw = event.isClosedByServer() && event.getServiceCloseFrame() != null
                ? event.getServiceCloseFrame().getCloseCode() : -1;
        lastError = "lost the connection to the Discord gateway"
                + (code != null ? " (close code " + code.getCode() + ": " + code.getMeaning() + ")"
                : raw > 0 ? " (close code " + raw + ")" : "");
    }

    @Override
    public void onShutdown(ShutdownEvent event) {
        shutdownReason = describe(event.getCloseCode(), event.getCode());
        shutdownSeen.countDown();
    }

    /** Reports a connection attempt that has been waiting for longer than {@code stuckAfter}, once. */
    void checkStuck() {
        if (!closed && !up && !stuckTold && System.nanoTime() - changedAt > stuckAfter.toNanos()) {
            stuckTold = true;
            context.state(new ChannelState.Retrying("no answer from the Discord gateway at " + gatewayUrl
                    + " for " + stuckAfter.toSeconds() + " s; still trying", Duration.ofSeconds(5)));
        }
    }

    /** Why JDA shut down, with what to do about it (JDA tells it just after its status says so). */
    String shutdownReason() throws InterruptedException {
        shutdownSeen.await(2, TimeUnit.SECONDS);
        return shutdownReason;
    }

    /** No more reports: the session is over. */
    void close() {
        closed = true;
    }

    static String describe(CloseCode code, int raw) {
        if (code == CloseCode.AUTHENTICATION_FAILED) {
            return DiscordSettings.tokenRefused("close code 4004");
        }
        if (code == CloseCode.DISALLOWED_INTENTS) {
            return "Discord refused the Message Content intent (close code 4014): turn on 'Message Content Intent' "
                    + "in the developer portal (your application, Bot, Privileged Gateway Intents)";
        }
        return code == null ? "Discord closed the gateway (code " + raw + ")"
                : "Discord closed the gateway (close code " + code.getCode() + ": " + code.getMeaning() + ")";
    }
}
