package dev.pincer.host.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A channel that cannot connect retries with growing waits, reports each state, and comes back on its own. */
class ReconnectTest {

    @Test
    void failedAttemptsAreReportedAndRetriedWithBackoffUntilTheConnectionComesUp() throws Exception {
        List<String> states = new CopyOnWriteArrayList<>();
        ChannelContext context = new ChannelContext() {
            @Override
            public void receive(Inbound message) { }

            @Override
            public void state(ChannelState state) {
                states.add(state instanceof ChannelState.Retrying r ? "retrying(" + r.error() + ", " + r.retryIn().toMillis() + ")"
                        : state.label());
            }
        };
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch hold = new CountDownLatch(1);
        try (Reconnect r = Reconnect.start("test", context, connected -> {
            if (attempts.incrementAndGet() <= 3) {
                throw new IOException("connection refused");
            }
            connected.run();
            hold.await(); // connected until the test ends
        }, new Backoff(Duration.ofMillis(20), Duration.ofMillis(50)))) {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> states.contains("connected"));
            assertThat(states).containsExactly("connecting", "retrying(connection refused, 20)", "connecting",
                    "retrying(connection refused, 40)", "connecting", "retrying(connection refused, 50)", "connecting", "connected");
            hold.countDown();
        }
    }

    @Test
    void theBackoffDoublesUpToItsCapAndResets() {
        Backoff b = Backoff.standard();
        assertThat(List.of(b.next(), b.next(), b.next())).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        for (int i = 0; i < 20; i++) {
            b.next();
        }
        assertThat(b.next()).isEqualTo(Backoff.CAP);
        b.reset();
        assertThat(b.next()).isEqualTo(Duration.ofSeconds(1));
    }
}
