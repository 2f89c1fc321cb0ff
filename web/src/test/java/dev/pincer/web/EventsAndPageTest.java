package dev.pincer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
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
            assertThat(readUntil(in, "event: ")).isEqualTo("event: typing");
            assertThat(in.readLine()).isEqualTo("data: {\"folder\":\"main\",\"on\":true}");
            assertThat(in.readLine()).isEmpty();
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
        assertThat(csp).contains("script-src 'sha256-" + sha256(block(r.body(), "script")) + "'");
        assertThat(csp).contains("style-src 'sha256-" + sha256(block(r.body(), "style")) + "'");
        assertThat(r.body()).startsWith("<!doctype html>").doesNotContain("://").doesNotContain("innerHTML")
                .contains("Authorization").contains("#token=".substring(1)).contains("'/api/session'")
                .doesNotContain("localStorage.setItem").doesNotContain("sessionStorage").doesNotContain("document.cookie");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

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

    private static String block(String html, String tag) {
        Matcher m = Pattern.compile("<" + tag + ">(.*?)</" + tag + ">", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("a <%s> block", tag).isTrue();
        return m.group(1);
    }

    private static String sha256(String s) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
