package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.pincer.protocol.Json;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Egress policy end to end: agents in real sandboxes reach a page on the host's loopback only when
 * their group's allowlist names it, through WebFetch (whose small model call sees the page) and
 * through curl via the proxy; a group on the default {@code public} policy cannot reach loopback.
 */
class EgressEndToEndTest {

    @TempDir Path home;

    @Test
    void allowlistedPageReachesWebFetchAndCurlWhileOtherLoopbackPortsStayShut() throws Exception {
        HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", ex -> {
            byte[] b = """
                    <html><head><title>Fruit facts</title><script>var secret = "SCRIPT-NOISE";</script></head>
                    <body><nav>menu</nav><h1>Pineapples</h1><p>The code word is <b>PINEAPPLE-42</b> &amp; more.</p>
                    <ul><li><a href="/more">read more</a></li></ul></body></html>""".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        site.start();
        try (Harness h = new Harness(home); ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            h.start();
            int port = site.getAddress().getPort();
            String url = "http://127.0.0.1:" + port + "/fruit";
            HttpResponse<String> r = h.call("POST", "/api/groups", Json.MAPPER.writeValueAsString(Map.of(
                    "chat", "web:family", "name", "family", "folder", "family", "trigger", "@Andy",
                    "requiresTrigger", false,
                    "config", Map.of("egress", Map.of("policy", "allowlist", "allow", List.of("127.0.0.1:" + port))))));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);

            String curl = "curl -sS --noproxy '' -x http://127.0.0.1:3128 --max-time 20 ";
            h.model.enqueue(
                    Reply.toolUses("Fetching.", List.of(
                            new Reply.ToolCall("WebFetch", Map.of("url", url, "prompt", "What is the code word?")))),
                    Reply.text("The code word is PINEAPPLE-42."),
                    Reply.toolUses("Now curl.", List.of(
                            new Reply.ToolCall("Bash", Map.of("command", curl + url + "; echo rc=$?")),
                            new Reply.ToolCall("Bash", Map.of("command",
                                    curl + "http://127.0.0.1:" + other.getLocalPort() + "/; echo rc=$?")),
                            new Reply.ToolCall("Bash", Map.of("command",
                                    curl + "http://127.0.0.1:" + h.webPort() + "/api/status; echo rc=$?")))),
                    Reply.text("All done."));
            long seq = h.post("family", "What is the code word on the fruit page?");
            JsonNode reply = h.awaitReply("family", seq, Duration.ofSeconds(120));
            assertThat(reply.get("text").asText()).isEqualTo("All done.");

            List<RecordedRequest> requests = h.model.requests();
            assertThat(requests).hasSize(4);
            RecordedRequest small = requests.get(1);
            assertThat(small.model()).isEqualTo("claude-haiku-4-5");
            assertThat(small.toolNames()).isEmpty();
            assertThat(small.lastUserText()).contains("# Fruit facts").contains("# Pineapples")
                    .contains("The code word is **PINEAPPLE-42** & more.").contains("[read more](http://127.0.0.1:" + port + "/more)")
                    .contains("What is the code word?").doesNotContain("SCRIPT-NOISE").doesNotContain("menu");
            List<RecordedRequest.ToolResultView> fetched = requests.get(2).toolResults();
            assertThat(fetched).hasSize(1);
            assertThat(fetched.get(0).isError()).isFalse();
            assertThat(fetched.get(0).content()).isEqualTo("The code word is PINEAPPLE-42.");

            List<RecordedRequest.ToolResultView> curls = requests.get(3).toolResults();
            assertThat(curls.get(0).content()).as("curl to the allowed port").contains("PINEAPPLE-42").contains("rc=0");
            assertThat(curls.get(1).content()).as("curl to another loopback port")
                    .contains("not on this group's egress allowlist").doesNotContain("rc=0\n\n");
            assertThat(curls.get(2).content()).as("curl to the web API port")
                    .contains("not on this group's egress allowlist").doesNotContain("\"groups\"");
            // GET /api/status totals the audited egress by verdict.
            com.fasterxml.jackson.databind.JsonNode egress = dev.pincer.protocol.Json.MAPPER
                    .readTree(h.call("GET", "/api/status", null).body()).get("egress");
            assertThat(egress.path("allowed").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(egress.path("denied").asLong()).isGreaterThanOrEqualTo(2);
        } finally {
            site.stop(0);
        }
    }

    @Test
    void aGroupOnTheDefaultPublicPolicyCannotFetchLoopback() throws Exception {
        HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", ex -> {
            byte[] b = "<p>LOOPBACK-SECRET</p>".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        site.start();
        try (Harness h = new Harness(home)) {
            h.start();
            String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
            h.model.enqueue(
                    Reply.toolUses("Fetching.", List.of(
                            new Reply.ToolCall("WebFetch", Map.of("url", url, "prompt", "What does it say?")),
                            new Reply.ToolCall("WebFetch", Map.of("url", "http://localhost:" + h.webPort() + "/",
                                    "prompt", "What does it say?")),
                            new Reply.ToolCall("Bash", Map.of("command",
                                    "curl -sS --noproxy '' -x http://127.0.0.1:3128 --max-time 20 " + url + "; echo rc=$?")))),
                    Reply.text("Could not."));
            long seq = h.post("main", "Fetch the page");
            JsonNode reply = h.awaitReply("main", seq, Duration.ofSeconds(120));
            assertThat(reply.get("text").asText()).isEqualTo("Could not.");
            List<RecordedRequest> requests = h.model.requests();
            assertThat(requests).as("no small model call: nothing was fetched").hasSize(2);
            List<RecordedRequest.ToolResultView> results = requests.get(1).toolResults();
            assertThat(results.get(0).isError()).isTrue();
            assertThat(results.get(0).content()).contains("egress proxy refused").contains("non-public address")
                    .doesNotContain("LOOPBACK-SECRET");
            assertThat(results.get(1).isError()).isTrue();
            assertThat(results.get(1).content()).contains("non-public address");
            assertThat(results.get(2).content()).contains("non-public address").doesNotContain("LOOPBACK-SECRET");
        } finally {
            site.stop(0);
        }
    }
}
