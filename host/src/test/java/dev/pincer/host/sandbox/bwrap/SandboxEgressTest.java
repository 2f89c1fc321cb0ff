package dev.pincer.host.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.proxy.Credentials;
import dev.pincer.host.proxy.EgressEvent;
import dev.pincer.host.proxy.EgressProxy;
import dev.pincer.host.proxy.LlmApi;
import dev.pincer.host.proxy.LlmPolicy;
import dev.pincer.host.proxy.ProxySettings;
import dev.pincer.host.sandbox.FakeUpstream;
import dev.pincer.host.sandbox.MountPlan;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox's only way out: the agent uid reaches the proxy socket, never the key. */
class SandboxEgressTest extends RealBwrapTest {
    static final String KEY = "sk-ant-api03-REAL-KEY-for-the-e2e-test-777";

    FakeUpstream upstream;
    final List<EgressEvent> audit = new CopyOnWriteArrayList<>();
    EgressProxy proxy;

    @BeforeEach
    void startProxy() throws Exception {
        upstream = new FakeUpstream();
        proxy = new EgressProxy("family", MountPlan.runDir(fx.home, "family"), 
                ProxySettings.llmOnly(Credentials.apiKey(KEY, upstream.uri()),
                        LlmPolicy.of(LlmApi.ANTHROPIC, List.of("claude-test")), audit::add), null);
        proxy.start();
    }

    @AfterEach
    void tearDown() {
        proxy.close();
        upstream.close();
    }

    @Test
    void theAgentReachesTheLlmOnlyThroughTheProxyAndNeverSeesTheKey() throws Exception {
        var r = fx.sh("family", false, "curl -sS --unix-socket /run/pincer/proxy.sock -H 'x-api-key: stolen'"
                + " -H 'content-type: application/json' -d '{\"model\":\"claude-test\"}' http://127.0.0.1:3128/llm/v1/messages; echo;"
                + " curl -sS --unix-socket /run/pincer/proxy.sock http://127.0.0.1:3128/other; "
                + " curl -sS -m 3 http://127.0.0.1:" + upstream.port() + "/v1/messages || echo DIRECT-FAILED");
        assertThat(r.output()).contains("hello from upstream")
                .contains("only the LLM route /llm/ is served")
                .contains("DIRECT-FAILED")
                .doesNotContain(KEY);
        assertThat(upstream.keys).containsExactly("[" + KEY + "]");
        assertThat(audit).extracting(EgressEvent::verdict)
                .containsExactly(EgressEvent.Verdict.ALLOWED, EgressEvent.Verdict.DENIED);
    }
}
