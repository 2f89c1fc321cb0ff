package dev.pincer.host.proxy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of a test of the egress proxy against a {@link FakeUpstream}: a fresh upstream before each
 * test, the audit records the proxy reports in {@link #audit}, and the proxy (once a test started
 * one) and the upstream closed after it.
 */
abstract class UpstreamFixture {

    @TempDir Path tmp;
    FakeUpstream upstream;
    final List<EgressEvent> audit = new CopyOnWriteArrayList<>();
    EgressProxy proxy;

    @BeforeEach
    final void startUpstream() throws IOException {
        upstream = new FakeUpstream();
    }

    @AfterEach
    final void closeProxyAndUpstream() {
        if (proxy != null) {
            proxy.close();
        }
        upstream.close();
    }
}
