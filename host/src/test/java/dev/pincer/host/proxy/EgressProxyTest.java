package dev.pincer.host.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pincer.host.proxy.EgressEvent.Verdict;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EgressProxyTest extends UpstreamFixture {
    static final String KEY = "sk-ant-api03-REAL-KEY-never-in-sandbox-0123456789";
    static final String TOKEN = "sk-ant-oat01-REAL-OAUTH-TOKEN-9876543210";

    Path runDir;

    @BeforeEach
    void setUp() throws Exception {
        runDir = Files.createDirectories(tmp.resolve("data/run/family"));
    }

    static final String MODEL = "claude-test";
    static final String BODY = "{\"model\":\"" + MODEL + "\",\"max_tokens\":10,\"messages\":[]}";

    ProxySettings settings(Credentials credentials) {
        return ProxySettings.llmOnly(credentials, LlmPolicy.of(LlmApi.ANTHROPIC, List.of(MODEL)), audit::add);
    }

    EgressProxy start(Credentials credentials) throws IOException {
        proxy = new EgressProxy("family", runDir, settings(credentials), null);
        proxy.start();
        return proxy;
    }

    @Test
    void injectsTheApiKeyAndDropsEverythingTheSandboxClaims() throws Exception {
        start(Credentials.apiKey(KEY, upstream.uri()));
        String body = BODY;
        String resp = UdsHttp.exchange(proxy.socketPath(), UdsHttp.post("/llm/v1/messages", body,
                "x-api-key: stolen", "Authorization: Bearer stolen", "Proxy-Authorization: Basic c3RvbGVu",
                "Cookie: session=stolen", "anthropic-version: 2023-06-01", "anthropic-beta: tools-2024",
                "Content-Type: application/json", "X-Forwarded-Host: evil.example", "Connection: keep-alive"));
        assertThat(UdsHttp.status(resp)).isEqualTo(200);
        assertThat(UdsHttp.body(resp)).isEqualTo("{\"type\":\"message\",\"echo\":\"/v1/messages\"}");
        assertThat(resp).contains("request-id: req_fake_1").contains("Connection: close").doesNotContain(KEY);

        assertThat(upstream.seen).hasSize(1);
        FakeUpstream.Seen seen = upstream.seen.get(0);
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.uri()).isEqualTo("/v1/messages");
        assertThat(seen.body()).isEqualTo(body);
        assertThat(seen.header("x-api-key")).isEqualTo(KEY);
        assertThat(seen.header("authorization")).isNull();
        assertThat(seen.header("proxy-authorization")).isNull();
        assertThat(seen.header("cookie")).isNull();
        assertThat(seen.header("x-forwarded-host")).isNull();
        assertThat(seen.header("host")).isEqualTo("127.0.0.1:" + upstream.uri().getPort());
        assertThat(seen.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(seen.header("anthropic-beta")).isEqualTo("tools-2024");
        assertThat(seen.header("content-type")).isEqualTo("application/json");
        assertThat(seen.headers().toString()).doesNotContain("stolen");

        await().atMost(Duration.ofSeconds(5)).until(() -> audit.size() == 1);
        assertThat(audit.get(0)).isEqualTo(new EgressEvent("family",
                new EgressEvent.Request("POST", "127.0.0.1", upstream.uri().getPort(), "/llm/v1/messages"),
                new EgressEvent.Traffic(body.length(), UdsHttp.body(resp).length()), Verdict.ALLOWED, 200, "ok"));
    }

    @Test
    void injectsABearerTokenInsteadWhenConfigured() throws Exception {
        start(Credentials.bearer(TOKEN, upstream.uri()));
        String resp = UdsHttp.exchange(proxy.socketPath(), UdsHttp.post("/llm/v1/messages", BODY,
                "x-api-key: stolen", "authorization: Bearer stolen"));
        assertThat(UdsHttp.status(resp)).isEqualTo(200);
        FakeUpstream.Seen seen = upstream.seen.get(0);
        assertThat(seen.header("authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(seen.header("x-api-key")).isNull();
    }

    @Test
    void forwardsPathAndQueryUnderTheUpstreamsBasePathAndRelaysErrors() throws Exception {
        start(Credentials.apiKey(KEY, URI.create(upstream.uri() + "/gateway/")));
        String ok = UdsHttp.exchange(proxy.socketPath(), UdsHttp.post("/llm/v1/messages?beta=true&x=m%20x", BODY));
        assertThat(UdsHttp.status(ok)).isEqualTo(200);
        assertThat(upstream.seen.get(0).uri()).isEqualTo("/gateway/v1/messages?beta=true&x=m%20x");
        upstream.status = 404;
        String missing = UdsHttp.exchange(proxy.socketPath(), UdsHttp.post("/llm/v1/messages", BODY));
        assertThat(UdsHttp.status(missing)).isEqualTo(404);
        assertThat(UdsHttp.body(missing)).contains("/gateway/v1/messages");
    }

    @Test
    void streamsServerSentEventsAsTheyArrive() throws Exception {
        start(Credentials.apiKey(KEY, upstream.uri()));
        ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor();
        try (SocketChannel ch = UdsHttp.connect(proxy.socketPath())) {
            UdsHttp.send(ch, UdsHttp.post("/llm/v1/messages", "{\"model\":\"" + MODEL + "\",\"stream\":true}",
                    "Accept: text/event-stream"));
            Future<String> first = reader.submit(() -> UdsHttp.readUntil(ch, "\"n\":1}\n\n"));
            // the upstream is still holding back its second event: this only passes if nothing is buffered
            String head = first.get(10, TimeUnit.SECONDS);
            assertThat(head).startsWith("HTTP/1.1 200").contains("text/event-stream").contains("event: message_start")
                    .doesNotContain("message_stop");
            upstream.releaseStream.countDown();
            String rest = UdsHttp.readAll(ch);
            assertThat(rest).contains("event: message_stop");
        } finally {
            reader.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> audit.size() == 1);
        assertThat(audit.get(0).verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(audit.get(0).traffic().out()).isGreaterThan(60);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "GET /llm/../x HTTP/1.1                   | 400",
        "GET /llm/v1/../../x HTTP/1.1             | 400",
        "GET /llm/./v1/messages HTTP/1.1          | 400",
        "GET /llm//evil.example/ HTTP/1.1         | 400",
        "GET /llm/v1//messages HTTP/1.1           | 400",
        "GET /llm/%2e%2e/x HTTP/1.1               | 400",
        "GET /llm/%2E%2E%2Fx HTTP/1.1             | 400",
        "GET /llm/v1%2f..%2fx HTTP/1.1            | 400",
        "GET /llm/v1\\..\\x HTTP/1.1              | 400",
        "GET /llm/v1/messages#frag HTTP/1.1       | 400",
        "GET /llm/v1/x?a=<b> HTTP/1.1             | 400",
        "GET /llm HTTP/1.1                        | 404",
        "GET /llm/ HTTP/1.1                       | 404",
        "PUT /llm/v1/messages HTTP/1.1            | 403",
        "CONNECT evil.example:443 HTTP/1.1        | 403",
        "GET http://example.com/ HTTP/1.1         | 403",
        "GET http://127.0.0.1:1/llm/v1 HTTP/1.1   | 403",
        "GET //evil.example/llm/v1 HTTP/1.1       | 403",
        "GET /other HTTP/1.1                      | 403",
        "GET /llmx/v1/messages HTTP/1.1           | 403",
        "GET * HTTP/1.1                           | 400",
        "GET /llm/v1/messages HTTP/2.0            | 400",
    })
    void refusesAnythingThatIsNotAPlainLlmPath(String requestLine, int status) throws Exception {
        start(Credentials.apiKey(KEY, upstream.uri()));
        String resp = UdsHttp.exchange(proxy.socketPath(), requestLine.strip() + "\r\nHost: x\r\n\r\n");
        assertThat(UdsHttp.status(resp)).as(resp).isEqualTo(status);
        assertThat(resp).doesNotContain(KEY).doesNotContain(upstream.uri().getAuthority());
        assertThat(upstream.seen).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> audit.size() == 1);
        assertThat(audit.get(0).verdict()).isEqualTo(Verdict.DENIED);
        assertThat(audit.get(0).status()).isEqualTo(status);
        if (requestLine.strip().matches("[A-Z]+ /llm([/?]\\S*)? HTTP/1\\.1")) {
            // the LLM route answers in the provider's error shape, which the agent's client reads
            assertThat(resp).contains("Content-Type: application/json");
            var error = dev.pincer.protocol.Json.MAPPER.readTree(UdsHttp.body(resp)).path("error");
            assertThat(error.path("message").asText()).isEqualTo(audit.get(0).reason());
            assertThat(error.path("type").asText()).isNotEmpty();
        } else {
            assertThat(resp).contains("Content-Type: text/plain");
            assertThat(audit.get(0).reason()).isEqualTo(UdsHttp.body(resp).strip());
        }
    }

    @Test
    void auditsWhereRefusedEgressWasHeaded() throws Exception {
        start(Credentials.apiKey(KEY, upstream.uri()));
        UdsHttp.exchange(proxy.socketPath(), "CONNECT evil.example:443 HTTP/1.1\r\n\r\n");
        UdsHttp.exchange(proxy.socketPath(), "GET http://example.com/path?q=1 HTTP/1.1\r\n\r\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> audit.size() == 2);
        assertThat(audit).extracting(EgressEvent::request).containsExactlyInAnyOrder(
                new EgressEvent.Request("CONNECT", "evil.example", 443, ""), new EgressEvent.Request("GET", "example.com", 80, "/path"));
    }

    @Test
    void rejectsBadFramingAndOversizedRequests() throws Exception {
        start(Credentials.apiKey(KEY, upstream.uri()));
        String chunked = UdsHttp.exchange(proxy.socketPath(),
                "POST /llm/v1/messages HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
        assertThat(UdsHttp.status(chunked)).isEqualTo(411);
        assertThat(UdsHttp.body(chunked)).contains("send Content-Length");
        String both = UdsHttp.exchange(proxy.socketPath(),
                "POST /llm/v1/messages HTTP/1.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}");
        assertThat(UdsHttp.status(both)).isEqualTo(400);
        String huge = UdsHttp.exchange(proxy.socketPath(),
                "POST /llm/v1/messages HTTP/1.1\r\nContent-Length: 40000000\r\n\r\n");
        assertThat(UdsHttp.status(huge)).isEqualTo(413);
        String longHead = UdsHttp.exchange(proxy.socketPath(),
                "GET /llm/v1/models HTTP/1.1\r\nX-Big: " + "a".repeat(70_000) + "\r\n\r\n");
        assertThat(UdsHttp.status(longHead)).isEqualTo(431);
        assertThat(upstream.seen).isEmpty();
    }

    @Test
    void anUnreachableUpstreamIs502WithoutKeyOrAddress() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        start(Credentials.apiKey(KEY, URI.create("http://127.0.0.1:" + deadPort)));
        String resp = UdsHttp.exchange(proxy.socketPath(), UdsHttp.post("/llm/v1/messages", BODY));
        assertThat(UdsHttp.status(resp)).isEqualTo(502);
        assertThat(resp).contains("\"upstream_unreachable\"").contains("unreachable").doesNotContain(KEY).doesNotContain(String.valueOf(deadPort));
        await().atMost(Duration.ofSeconds(5)).until(() -> audit.size() == 1);
        assertThat(audit.get(0).status()).isEqualTo(502);
        assertThat(audit.get(0).verdict()).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void honoursExpectContinue() throws Exception {
        start(Credentials.apiKey(KEY, upstream.uri()));
        try (SocketChannel ch = UdsHttp.connect(proxy.socketPath())) {
            UdsHttp.send(ch, "POST /llm/v1/messages HTTP/1.1\r\nContent-Length: " + BODY.length()
                    + "\r\nExpect: 100-continue\r\n\r\n");
            assertThat(UdsHttp.readUntil(ch, "\r\n\r\n")).startsWith("HTTP/1.1 100 Continue");
            UdsHttp.send(ch, BODY);
            assertThat(UdsHttp.readAll(ch)).startsWith("HTTP/1.1 200");
        }
        assertThat(upstream.seen.get(0).body()).isEqualTo(BODY);
    }

    @Test
    void theSocketIsReachableOnlyThroughAPrivateDirectoryAndGoesAwayOnClose() throws Exception {
        Files.writeString(runDir.resolve(EgressProxy.SOCKET_NAME), "stale");
        start(Credentials.apiKey(KEY, upstream.uri()));
        Path socket = proxy.socketPath();
        assertThat(socket).isEqualTo(runDir.resolve("proxy.sock"));
        assertThat(Files.readAttributes(socket, "unix:mode").get("mode")).matches(m -> ((Integer) m & 0170000) == 0140000);
        assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(Files.getPosixFilePermissions(runDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (var siblings = Files.list(runDir.getParent())) {
            assertThat(siblings).containsExactly(runDir);
        }
        assertThat(proxy.isRunning()).isTrue();
        proxy.close();
        assertThat(socket).doesNotExist();
        assertThat(proxy.isRunning()).isFalse();
        assertThatThrownBy(() -> UdsHttp.connect(socket)).isInstanceOf(IOException.class);
    }

    @Test
    void credentialsNeverPrintTheirSecret() {
        assertThat(Credentials.apiKey(KEY, Credentials.DEFAULT_UPSTREAM).toString())
                .doesNotContain(KEY).contains("****").contains("https://api.anthropic.com");
        assertThat(Credentials.bearer(TOKEN, Credentials.DEFAULT_UPSTREAM).toString()).doesNotContain(TOKEN);
        ProxySettings settings = settings(Credentials.apiKey(KEY, Credentials.DEFAULT_UPSTREAM));
        assertThat(new LlmForward(settings, null, null, null).toString()).as("the LLM route's forwarder").doesNotContain(KEY);
        assertThat(new ProxyConnection("family", settings, null, null, null).toString()).as("a connection").doesNotContain(KEY);
        assertThatThrownBy(() -> Credentials.apiKey(KEY, URI.create("https://user:pw@api.example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(KEY);
        assertThatThrownBy(() -> new Credentials(KEY, TOKEN, Credentials.DEFAULT_UPSTREAM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(KEY);
    }
}
