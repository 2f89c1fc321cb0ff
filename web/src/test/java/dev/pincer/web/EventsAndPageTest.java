package dev.pincer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsAndPageTest {

    @TempDir
    Path dir;
    TestHost host;

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    private record Typing(String folder, boolean on) {}

    @Test
    void eventStreamDeliversPublishedEvents() throws Exception {
        host = new TestHost(dir);
        HttpResponse<InputStream> r = host.http.send(host.authed("/api/events").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            readUntil(in, ": connected");
            host.events.publish("typing", new Typing("main", true));
            host.events.publish("run", Map.of("folder", "main", "text", "two\nlines"));
            assertThat(readUntil(in, "id: ")).matches("id: [0-9a-z]+\\.1");
            assertThat(in.readLine()).isEqualTo("event: typing");
            assertThat(in.readLine()).isEqualTo("data: {\"folder\":\"main\",\"on\":true}");
            assertThat(in.readLine()).isEmpty();
            assertThat(in.readLine()).matches("id: [0-9a-z]+\\.2");
            assertThat(in.readLine()).isEqualTo("event: run");
            assertThat(in.readLine()).startsWith("data: {").contains("\"two\\nlines\"");
        }
    }

    @Test
    void eventStreamSendsHeartbeatsAndUnsubscribesWhenTheClientLeaves() throws Exception {
        host = new TestHost(dir, Duration.ofMillis(100));
        HttpResponse<InputStream> r = host.http.send(host.authed("/api/events").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
        readUntil(in, ": heartbeat");
        assertThat(host.server.openEventStreams()).isEqualTo(1);
        in.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> host.server.openEventStreams() == 0);
    }

    @Test
    void closingTheServerEndsEventStreams() throws Exception {
        host = new TestHost(dir);
        HttpResponse<InputStream> r = host.http.send(host.authed("/api/events").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
        readUntil(in, ": connected");
        long started = System.nanoTime();
        host.server.close();
        assertThat(host.server.openEventStreams()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        in.close();
    }

    @Test
    void statusAndTasksAreJson() throws Exception {
        host = new TestHost(dir);
        HttpResponse<String> status = host.get("/api/status");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(TestHost.json(status).get("assistant").asText()).isEqualTo("Andy");
        assertThat(TestHost.json(status).get("runningAgents").asInt()).isZero();
        HttpResponse<String> tasks = host.get("/api/tasks");
        assertThat(tasks.statusCode()).isEqualTo(200);
        assertThat(tasks.body()).isEqualTo("{\"tasks\":[]}");
    }

    @Test
    void pageIsSelfContainedHtmlUnderAStrictPolicy() throws Exception {
        host = new TestHost(dir);
        HttpResponse<String> r = host.send(java.net.http.HttpRequest.newBuilder(host.uri("/")).GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).startsWith("default-src 'none'").contains("connect-src 'self'").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").doesNotContain("http");
        assertThat(csp).contains("script-src 'self';").contains("style-src 'self';");
        assertThat(r.body()).startsWith("<!doctype html>").doesNotContain("://").doesNotContain("<script>")
                .doesNotContain("<style>").doesNotContain(" style=").doesNotContain(" onclick=");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        StringBuilder scripts = new StringBuilder();
        for (String name : Page.ASSETS.keySet()) {
            HttpResponse<String> asset = host.send(java.net.http.HttpRequest.newBuilder(host.uri("/static/" + name)).GET().build());
            assertThat(asset.statusCode()).as(name).isEqualTo(200);
            assertThat(asset.headers().firstValue("Content-Type")).hasValue(Page.ASSETS.get(name));
            assertThat(asset.body()).as(name).doesNotContain("://localhost").doesNotContain("innerHTML").doesNotContain("eval(")
                    .doesNotContain("sessionStorage").doesNotContain("document.cookie");
            scripts.append(asset.body());
        }
        // the token only goes to POST /api/session; the one thing kept in web storage is the chosen chat
        assertThat(scripts).contains("Authorization").contains("#token=".substring(1)).contains("'/api/session'");
        assertThat(Pattern.compile("localStorage\\.setItem\\(([^,]+),").matcher(scripts).results().map(m -> m.group(1)).toList())
                .containsOnly("STORED_CHAT");
        assertThat(host.send(java.net.http.HttpRequest.newBuilder(host.uri("/static/secret.js")).GET().build()).statusCode())
                .isEqualTo(404);

        HttpResponse<String> head = host.send(java.net.http.HttpRequest.newBuilder(host.uri("/"))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Security-Policy")).hasValue(csp);
    }

    private static String readUntil(BufferedReader in, String prefix) throws Exception {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("stream ended before a line starting with '" + prefix + "'");
    }
}
