package dev.pincer.channel.whatsapp;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of a test of the channel against a {@link FakeGraph}: before each test a fresh fake, a
 * {@link StoreContext} and a channel (not started) on {@link #clock()}; after it, all three stopped.
 */
abstract class GraphChannelTest {

    @TempDir Path dir;
    FakeGraph graph;
    StoreContext context;
    WhatsAppChannel channel;

    /** The channel's clock; the system's unless a test moves time. */
    Clock clock() {
        return Clock.systemUTC();
    }

    @BeforeEach
    final void openGraph() throws Exception {
        graph = new FakeGraph();
        context = new StoreContext(dir);
        channel = TestChannels.channel(graph, dir.resolve("data"), clock());
    }

    @AfterEach
    final void closeGraph() {
        channel.stop();
        context.close();
        graph.close();
    }
}
