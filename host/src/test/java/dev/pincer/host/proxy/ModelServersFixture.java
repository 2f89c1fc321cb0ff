package dev.pincer.host.proxy;

import dev.pincer.testkit.FakeAnthropic;
import dev.pincer.testkit.FakeOpenAI;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of a test of the proxy's model route in front of the fake model servers (testkit's
 * {@link FakeAnthropic} and {@link FakeOpenAI}): {@link #start} starts the proxy of group
 * {@code family}, which allows {@link #MODEL} and meters with the given meter. The proxy is closed
 * after each test, before the servers and any {@code @AutoClose} field of the test.
 */
abstract class ModelServersFixture {
    static final String MODEL = "claude-sonnet-4-5";

    @TempDir Path tmp;
    @AutoClose final FakeAnthropic anthropic = new FakeAnthropic();
    @AutoClose final FakeOpenAI openai = new FakeOpenAI();
    EgressProxy proxy;

    /** Starts the proxy before the model server at {@code upstream}, which speaks {@code api}. */
    void start(LlmApi api, String upstream, EgressAuditor auditor, LlmMeter meter) throws Exception {
        proxy = new EgressProxy("family", Files.createDirectories(tmp.resolve("run/family")),
                ProxySettings.llmOnly(Credentials.bearer("sk-test", URI.create(upstream)), LlmPolicy.of(api, List.of(MODEL)),
                        auditor).withMeter(meter), null);
        proxy.start();
    }

    @AfterEach
    final void closeProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }
}
