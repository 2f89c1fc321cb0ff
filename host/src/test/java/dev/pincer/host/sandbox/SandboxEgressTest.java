package dev.pincer.host.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.pincer.host.proxy.Credentials;
import dev.pincer.host.proxy.EgressEvent;
import dev.pincer.host.proxy.EgressProxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's only way out: the agent uid reaches the proxy socket, never the key. */
class SandboxEgressTest {
    static final String KEY = "sk-ant-api03-REAL-KEY-for-the-e2e-test-777";

    @TempDir
    Path tmp;
    PincerHomeFixture fx;
    HttpServer upstream;
    final List<String> upstreamKeys = new CopyOnWriteArrayList<>();
    final List<EgressEvent> audit = new CopyOnWriteArrayList<>();
    EgressProxy proxy;

    @BeforeEach
    void setUp() throws Exception {
        fx = new PincerHomeFixture(tmp, PincerHomeFixture.realRuntime());
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", ex -> {
            upstreamKeys.add(String.valueOf(ex.getRequestHeaders().get("x-api-key")));
            byte[] out = "{\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"hello from upstream\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        upstream.start();
        URI uri = URI.create("http://127.0.0.1:" + upstream.getAddress().getPort());
        proxy = new EgressProxy("family", MountPlan.runDir(fx.home, "family"), Credentials.apiKey(KEY, uri), audit::add);
        proxy.start();
    }

    @AfterEach
    void tearDown() {
        proxy.close();
        upstream.stop(0);
    }

    @Test
    void theAgentReachesTheLlmOnlyThroughTheProxyAndNeverSeesTheKey() throws Exception {
        var r = fx.sh("family", false, "curl -sS --unix-socket /run/pincer/proxy.sock -H 'x-api-key: stolen'"
                + " -H 'content-type: application/json' -d '{}' http://127.0.0.1:3128/llm/v1/messages; echo;"
                + " curl -sS --unix-socket /run/pincer/proxy.sock http://127.0.0.1:3128/other; "
                + " curl -sS -m 3 http://127.0.0.1:" + upstream.getAddress().getPort() + "/v1/messages || echo DIRECT-FAILED");
        assertThat(r.output()).contains("hello from upstream")
                .contains("only the LLM route /llm/ is served")
                .contains("DIRECT-FAILED")
                .doesNotContain(KEY);
        assertThat(upstreamKeys).containsExactly("[" + KEY + "]");
        assertThat(audit).extracting(EgressEvent::verdict)
                .containsExactly(EgressEvent.Verdict.ALLOWED, EgressEvent.Verdict.DENIED);
    }
}
