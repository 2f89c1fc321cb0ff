package dev.pincer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SecurityTest extends WebHostTest {

    private static final String MESSAGES = "/api/chats/main/messages";

    private HttpRequest.Builder anonymous(String path) {
        return HttpRequest.newBuilder(host.uri(path));
    }

    private void assertRefused(HttpResponse<String> r, int status, String reasonPart) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(TestHost.json(r).get("error").asText()).containsIgnoringCase(reasonPart);
        assertThat(host.messages.count()).as("messages stored").isZero();
        assertThat(host.groups.all()).as("groups").hasSize(1);
        assertThat(host.woken).isEmpty();
    }

    @Test
    void apiNeedsTheBearerToken() throws Exception {
        HttpResponse<String> missing = host.send(anonymous(MESSAGES).POST(BodyPublishers.ofString("{\"text\":\"hi\"}")).build());
        assertRefused(missing, 401, "Authorization");
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));

        HttpResponse<String> wrong = host.send(anonymous(MESSAGES).header("Authorization", "Bearer nope")
                .POST(BodyPublishers.ofString("{\"text\":\"hi\"}")).build());
        assertRefused(wrong, 401, "wrong token");

        HttpResponse<String> basic = host.send(anonymous("/api/groups").header("Authorization", "Basic " + TestHost.TOKEN).GET().build());
        assertRefused(basic, 401, "Bearer");

        HttpResponse<String> prefix = host.send(anonymous("/api/groups")
                .header("Authorization", "Bearer " + TestHost.TOKEN.substring(0, 10)).GET().build());
        assertRefused(prefix, 401, "wrong token");

        for (String path : new String[] {"/api/status", "/api/tasks", "/api/groups", "/api/events", "/api/nope", "/api"}) {
            assertThat(host.send(anonymous(path).GET().build()).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(host.send(anonymous("/api/groups").header("Authorization", "bearer " + TestHost.TOKEN).GET().build())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void foreignOriginIsRefusedEvenWithTheToken() throws Exception {
        for (String origin : new String[] {"http://evil.example", "http://127.0.0.1:1", "null",
                "https://127.0.0.1:" + host.server.port(), "http://localhost." + host.server.port()}) {
            HttpResponse<String> r = host.send(host.authed(MESSAGES).header("Origin", origin)
                    .POST(BodyPublishers.ofString("{\"text\":\"hi\"}")).build());
            assertRefused(r, 403, "origin");
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
        HttpResponse<String> preflight = host.send(anonymous(MESSAGES).header("Origin", "http://evil.example")
                .method("OPTIONS", BodyPublishers.noBody()).build());
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().map().keySet()).noneMatch(k -> k.toLowerCase().startsWith("access-control"));
    }

    @Test
    void ownOriginsAndNoOriginAreAccepted() throws Exception {
        int port = host.server.port();
        for (String origin : new String[] {"http://127.0.0.1:" + port, "http://localhost:" + port}) {
            HttpResponse<String> r = host.send(host.authed(MESSAGES).header("Origin", origin)
                    .POST(BodyPublishers.ofString("{\"text\":\"from the page\"}")).build());
            assertThat(r.statusCode()).isEqualTo(202);
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
        assertThat(host.messages.count()).isEqualTo(2);
    }

    @Test
    void bodyOverOneMebibyteIs413WithOrWithoutContentLength() throws Exception {
        String big = "{\"text\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}";
        assertRefused(host.post(MESSAGES, big), 413, "1 MiB");

        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = host.send(host.authed(MESSAGES)
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build());
        assertRefused(chunked, 413, "1 MiB");

        HttpResponse<String> groups = host.post("/api/groups",
                "{\"chat\":\"web:x\",\"folder\":\"x\",\"name\":\"" + "n".repeat(1024 * 1024) + "\"}");
        assertRefused(groups, 413, "1 MiB");
    }

    @Test
    void bodyOfExactlyOneMebibyteIsAccepted() throws Exception {
        String json = "{\"text\":\"hi\"}";
        String padded = json + " ".repeat(Request.MAX_BODY - json.length());
        assertThat(host.post(MESSAGES, padded).statusCode()).isEqualTo(202);
    }

    @Test
    void invalidJsonAndWrongTypesAre400() throws Exception {
        String[] bodies = {"", "{", "not json", "[]", "\"text\"", "{\"text\":\"a\"} trailing", "{\"text\":42}",
            "{\"text\":[\"a\"]}", "{\"text\":\"a\",\"sender\":7}", "{\"text\":\"a\",\"text\":\"b\"}"};
        for (String body : bodies) {
            assertRefused(host.post(MESSAGES, body), 400, "");
        }
        assertRefused(host.post(MESSAGES, "{\"text\":\"a\u0001b\"}"), 400, "invalid JSON");
    }

    @Test
    void emptyOrBlankTextIs400() throws Exception {
        for (String body : new String[] {"{}", "{\"text\":null}", "{\"text\":\"\"}", "{\"text\":\"  \\n\\t \"}"}) {
            assertRefused(host.post(MESSAGES, body), 400, "text");
        }
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> put = host.send(host.authed("/api/groups").PUT(BodyPublishers.ofString("{}")).build());
        assertRefused(put, 405, "not allowed");
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, POST");
        assertRefused(host.delete(MESSAGES), 405, "not allowed");
        assertRefused(host.send(host.authed("/api/status").POST(BodyPublishers.noBody()).build()), 405, "GET");
        assertRefused(host.send(host.authed("/").POST(BodyPublishers.ofString("x")).build()), 405, "GET");
    }

    @Test
    void unknownPathIs404() throws Exception {
        assertRefused(host.get("/api/nope"), 404, "no such endpoint");
        assertRefused(host.get("/api/chats/main/messages/"), 404, "no such endpoint");
        assertRefused(host.get("/api/chats//messages"), 404, "no such endpoint");
        assertRefused(host.send(anonymous("/index.php").GET().build()), 404, "no such endpoint");
    }

    @Test
    void everyResponseCarriesTheSafetyHeaders() throws Exception {
        for (HttpResponse<String> r : java.util.List.of(host.get("/api/groups"), host.get("/api/nope"),
                host.send(anonymous("/api/groups").GET().build()), host.send(anonymous("/").GET().build()))) {
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(r.headers().firstValue("Content-Security-Policy")).isPresent();
            assertThat(r.headers().map().keySet()).noneMatch(k -> k.toLowerCase().startsWith("access-control"));
        }
    }
}
