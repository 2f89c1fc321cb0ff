package dev.pincer.host.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.pincer.host.proxy.EgressEvent.Verdict;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CONNECT and absolute-form egress over the real Unix socket, against loopback servers only. */
class EgressRoutesTest {
    static final String KEY = "sk-ant-api03-REAL-KEY-never-on-egress-0123456789";

    @TempDir Path tmp;
    final List<EgressEvent> audit = new CopyOnWriteArrayList<>();
    final Map<String, List<String>> seenHeaders = new ConcurrentHashMap<>();
    FakeUpstream llm;
    HttpServer site;
    ServerSocket echo;
    EgressProxy proxy;

    @BeforeEach
    void setUp() throws Exception {
        llm = new FakeUpstream();
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", ex -> {
            ex.getRequestHeaders().forEach((k, v) -> seenHeaders.put(k.toLowerCase(java.util.Locale.ROOT), v));
            byte[] b = ("<h1>hello from " + ex.getRequestURI() + "</h1>").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        site.start();
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread.ofVirtual().start(() -> {
                        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                            in.transferTo(out); // echo until the client half-closes
                        } catch (Exception e) {
                            // client gone
                        }
                    });
                } catch (Exception e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        site.stop(0);
        echo.close();
        llm.close();
    }

    void start(EgressPolicy policy) throws Exception {
        proxy = new EgressProxy("family", Files.createDirectories(tmp.resolve("run/family")),
                ProxySettings.llmOnly(Credentials.apiKey(KEY, llm.uri()), LlmPolicy.of(LlmApi.ANTHROPIC, List.of("m")),
                        audit::add).withPolicy(policy).withLimits(new EgressLimits(Duration.ofSeconds(2),
                        Duration.ofSeconds(2), 2, EgressLimits.DEFAULT_MAX_BODY_BYTES)), null);
        proxy.start();
    }

    int sitePort() {
        return site.getAddress().getPort();
    }

    @Test
    void connectToAnAllowlistedLoopbackPortTunnelsBytesBothWays() throws Exception {
        start(EgressPolicy.of("allowlist", List.of("127.0.0.1:" + echo.getLocalPort())));
        try (SocketChannel ch = UdsHttp.connect(proxy.socketPath())) {
            UdsHttp.send(ch, "CONNECT 127.0.0.1:" + echo.getLocalPort() + " HTTP/1.1\r\nHost: x\r\n\r\nearly-bytes;");
            String head = UdsHttp.readUntil(ch, "\r\n\r\n");
            assertThat(head).startsWith("HTTP/1.1 200 ");
            UdsHttp.send(ch, "ping-through-the-tunnel");
            ch.shutdownOutput();
            // the echo of the early bytes may already have come with the head
            String echoed = head.substring(head.indexOf("\r\n\r\n") + 4) + UdsHttp.readAll(ch);
            assertThat(echoed).isEqualTo("early-bytes;ping-through-the-tunnel");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> audit.size() == 1);
        EgressEvent e = audit.get(0);
        assertThat(e.verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(e.request().host()).isEqualTo("127.0.0.1");
        assertThat(e.request().port()).isEqualTo(echo.getLocalPort());
        assertThat(e.traffic().in()).isEqualTo("early-bytes;ping-through-the-tunnel".length());
        assertThat(e.traffic().out()).isEqualTo(e.traffic().in());
        assertThat(llm.seen).isEmpty();
    }

    @Test
    void absoluteFormToAnAllowlistedPortIsForwardedWithoutAnyCredential() throws Exception {
        start(EgressPolicy.of("allowlist", List.of("127.0.0.1:" + sitePort())));
        String resp = UdsHttp.exchange(proxy.socketPath(), "GET http://127.0.0.1:" + sitePort()
                + "/page?q=1 HTTP/1.1\r\nHost: evil.example\r\nProxy-Authorization: Basic eA==\r\nAccept: text/html\r\n\r\n");
        assertThat(UdsHttp.status(resp)).isEqualTo(200);
        assertThat(UdsHttp.body(resp)).isEqualTo("<h1>hello from /page?q=1</h1>");
        assertThat(seenHeaders).containsKey("accept").doesNotContainKeys("x-api-key", "authorization",
                "proxy-authorization");
        assertThat(seenHeaders.get("host")).containsExactly("127.0.0.1:" + sitePort());
        assertThat(seenHeaders.toString()).doesNotContain(KEY);
        await().atMost(Duration.ofSeconds(5)).until(() -> audit.size() == 1);
        assertThat(audit.get(0)).extracting(EgressEvent::verdict, EgressEvent::status, e -> e.request().path())
                .containsExactly(Verdict.ALLOWED, 200, "/page");
        assertThat(audit.get(0).traffic().out()).isGreaterThan(0);
        assertThat(llm.seen).isEmpty();
    }

    @Test
    void theAllowlistAdmitsOnlyListedHostAndPort() throws Exception {
        start(EgressPolicy.of("allowlist", List.of("127.0.0.1:" + sitePort())));
        assertRefused("CONNECT 127.0.0.1:" + echo.getLocalPort() + " HTTP/1.1", 403, "not on this group's egress allowlist");
        assertRefused("GET http://localhost:" + sitePort() + "/ HTTP/1.1", 403, "not on this group's egress allowlist");
        assertRefused("CONNECT example.com:443 HTTP/1.1", 403, "not on this group's egress allowlist");
        assertThat(seenHeaders).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CONNECT 127.0.0.1:%d HTTP/1.1", "GET http://127.0.0.1:%d/ HTTP/1.1",
        "CONNECT localhost:%d HTTP/1.1", "GET http://localhost:%d/ HTTP/1.1", "CONNECT [::1]:%d HTTP/1.1",
        "GET http://[::1]:%d/ HTTP/1.1", "CONNECT 10.1.2.3:%d HTTP/1.1", "GET http://10.0.0.1:%d/ HTTP/1.1",
        "CONNECT 169.254.169.254:%d HTTP/1.1", "GET http://169.254.169.254:%d/latest/meta-data/ HTTP/1.1",
        "CONNECT 0.0.0.0:%d HTTP/1.1", "CONNECT [::ffff:127.0.0.1]:%d HTTP/1.1", "GET http://2130706433:%d/ HTTP/1.1",
        "CONNECT 127.1:%d HTTP/1.1"})
    void publicRefusesLoopbackPrivateAndMetadataAddresses(String line) throws Exception {
        start(EgressPolicy.PUBLIC);
        assertRefused(line.formatted(sitePort()), 403, "non-public address");
        assertThat(seenHeaders).isEmpty();
    }

    @Test
    void publicRefusesTheLlmUpstreamAndWebApiPortsOnLoopback() throws Exception {
        start(EgressPolicy.PUBLIC);
        assertRefused("GET http://127.0.0.1:" + llm.uri().getPort() + "/v1/messages HTTP/1.1", 403, "non-public");
        assertRefused("CONNECT 127.0.0.1:" + llm.uri().getPort() + " HTTP/1.1", 403, "non-public");
        assertThat(llm.seen).isEmpty();
    }

    @Test
    void noneRefusesAllEgressButKeepsTheLlmRoute() throws Exception {
        start(EgressPolicy.NONE);
        assertRefused("CONNECT 127.0.0.1:" + echo.getLocalPort() + " HTTP/1.1", 403, "policy none");
        assertRefused("GET http://127.0.0.1:" + sitePort() + "/ HTTP/1.1", 403, "policy none");
        assertRefused("CONNECT example.com:443 HTTP/1.1", 403, "policy none");
        String resp = UdsHttp.exchange(proxy.socketPath(), UdsHttp.post("/llm/v1/messages", "{\"model\":\"m\"}"));
        assertThat(UdsHttp.status(resp)).isEqualTo(200);
    }

    @Test
    void httpsAsAbsoluteFormAndMalformedConnectTargetsAre400() throws Exception {
        start(EgressPolicy.PUBLIC);
        assertRefused("GET https://example.com/ HTTP/1.1", 400, "CONNECT");
        assertRefused("CONNECT example.com HTTP/1.1", 400, "host:port");
        assertRefused("CONNECT user@example.com:443 HTTP/1.1", 400, "host:port");
        assertRefused("GET http://user@example.com/ HTTP/1.1", 400, "user info");
    }

    @Test
    void tunnelsAreCappedPerSandboxAndClosedWhenIdle() throws Exception {
        start(EgressPolicy.of("allowlist", List.of("127.0.0.1:" + echo.getLocalPort())));
        String connect = "CONNECT 127.0.0.1:" + echo.getLocalPort() + " HTTP/1.1\r\n\r\n";
        try (SocketChannel a = UdsHttp.connect(proxy.socketPath()); SocketChannel b = UdsHttp.connect(proxy.socketPath())) {
            UdsHttp.send(a, connect);
            UdsHttp.send(b, connect);
            assertThat(UdsHttp.readUntil(a, "\r\n\r\n")).startsWith("HTTP/1.1 200");
            assertThat(UdsHttp.readUntil(b, "\r\n\r\n")).startsWith("HTTP/1.1 200");
            String third = UdsHttp.exchange(proxy.socketPath(), connect);
            assertThat(UdsHttp.status(third)).isEqualTo(429);
            // idle timeout (2 s in this test): the proxy ends both tunnels by itself
            long t0 = System.nanoTime();
            assertThat(UdsHttp.readAll(a)).isEmpty();
            assertThat(UdsHttp.readAll(b)).isEmpty(); // both, before the test closes its ends
            // generous bound (shared, loaded machines): what matters is that the proxy closes them by itself
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> audit.stream().filter(e -> e.reason().contains("without traffic")).count() == 2);
    }

    private void assertRefused(String requestLine, int status, String reason) throws Exception {
        int before = audit.size();
        String resp = UdsHttp.exchange(proxy.socketPath(), requestLine + "\r\nHost: x\r\n\r\n");
        assertThat(UdsHttp.status(resp)).as(requestLine + " -> " + resp).isEqualTo(status);
        assertThat(UdsHttp.body(resp)).as(requestLine).contains(reason);
        assertThat(resp).doesNotContain(KEY);
        await().atMost(Duration.ofSeconds(5)).until(() -> audit.size() == before + 1);
        EgressEvent e = audit.get(before);
        assertThat(e.verdict()).isEqualTo(Verdict.DENIED);
        assertThat(e.status()).isEqualTo(status);
    }
}
