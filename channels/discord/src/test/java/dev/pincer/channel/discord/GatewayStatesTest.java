package dev.pincer.channel.discord;

import dev.pincer.host.channel.RecordingContext;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.channel.ChannelState;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.StatusChangeEvent;
import net.dv8tion.jda.api.events.session.SessionDisconnectEvent;
import org.junit.jupiter.api.Test;

/**
 * JDA's status events, as JDA fires them, mapped to the channel's state: the paths the fake Discord
 * reaches only slowly (a gateway that never answers) or not at all.
 */
class GatewayStatesTest {

    /** Only what JDA's event constructors ask of it. */
    private static final JDA JDA_STUB = (JDA) Proxy.newProxyInstance(JDA.class.getClassLoader(), new Class<?>[] {JDA.class},
            (proxy, method, args) -> method.getName().equals("getResponseTotal") ? 0L : null);

    private final RecordingContext context = new RecordingContext();
    private final AtomicInteger connected = new AtomicInteger();

    private GatewayStates states(Duration stuckAfter) {
        return new GatewayStates(context, () -> {
            connected.incrementAndGet();
            context.state(new ChannelState.Connected());
        }, "wss://gateway.example/", stuckAfter);
    }

    private static StatusChangeEvent status(JDA.Status from, JDA.Status to) {
        return new StatusChangeEvent(JDA_STUB, to, from);
    }

    @Test
    void aLostConnectionIsRetryingWithItsReasonUntilJdaIsConnectedAgain() {
        GatewayStates s = states(GatewayStates.STUCK);
        s.onStatusChange(status(JDA.Status.LOADING_SUBSYSTEMS, JDA.Status.CONNECTED));
        assertThat(connected).hasValue(1);
        s.onStatusChange(status(JDA.Status.CONNECTED, JDA.Status.DISCONNECTED));
        s.onSessionDisconnect(new SessionDisconnectEvent(JDA_STUB, null, null, false, OffsetDateTime.now()));
        s.onStatusChange(status(JDA.Status.DISCONNECTED, JDA.Status.WAITING_TO_RECONNECT));
        assertThat(context.last()).isEqualTo(new ChannelState.Retrying("lost the connection to the Discord gateway",
                Duration.ofSeconds(2)));
        s.onStatusChange(status(JDA.Status.WAITING_TO_RECONNECT, JDA.Status.ATTEMPTING_TO_RECONNECT));
        assertThat(context.last()).isEqualTo(new ChannelState.Connecting());
        s.onStatusChange(status(JDA.Status.ATTEMPTING_TO_RECONNECT, JDA.Status.WAITING_TO_RECONNECT));
        assertThat(context.last()).isEqualTo(new ChannelState.Retrying("cannot reach the Discord gateway at wss://gateway.example/",
                Duration.ofSeconds(4)));
        s.onStatusChange(status(JDA.Status.AWAITING_LOGIN_CONFIRMATION, JDA.Status.CONNECTED));
        assertThat(connected).hasValue(2);
        assertThat(context.last()).isEqualTo(new ChannelState.Connected());
    }

    @Test
    void aGatewayThatNeverAnswersShowsAsRetryingOnce() throws Exception {
        GatewayStates s = states(Duration.ofMillis(50));
        s.onStatusChange(status(JDA.Status.LOGGING_IN, JDA.Status.CONNECTING_TO_WEBSOCKET));
        s.checkStuck();
        assertThat(context.last()).isEqualTo(new ChannelState.Connecting());
        Thread.sleep(100);
        s.checkStuck();
        s.checkStuck();
        assertThat(context.states).filteredOn(ChannelState.Retrying.class::isInstance).singleElement()
                .satisfies(r -> assertThat(((ChannelState.Retrying) r).error())
                        .isEqualTo("no answer from the Discord gateway at wss://gateway.example/ for 0 s; still trying"));
    }

    @Test
    void afterTheSessionEndedNothingMoreIsReported() {
        GatewayStates s = states(Duration.ZERO);
        s.close();
        s.onStatusChange(status(JDA.Status.CONNECTED, JDA.Status.WAITING_TO_RECONNECT));
        s.checkStuck();
        assertThat(context.states).isEmpty();
        assertThat(connected).hasValue(0);
    }
}
