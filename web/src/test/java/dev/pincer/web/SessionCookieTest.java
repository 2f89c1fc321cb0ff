package dev.pincer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat page signs in by trading the token for an {@code HttpOnly; SameSite=Strict} cookie
 * ({@code POST /api/session}); {@code /api} then accepts that cookie instead of the bearer header,
 * still refusing foreign origins, and a cookie-authenticated change without an {@code Origin}.
 */
class SessionCookieTest {

    private static final String MESSAGES = "/api/chats/main/messages";

    @TempDir
    Path dir;
    TestHost host;
    String cookieName;

    @BeforeEach
    void start() throws Exception {
        host = new TestHost(dir);
        cookieName = "pincer-" + host.server.port();
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private HttpResponse<String> signIn() throws Exception {
        return host.send(host.authed("/api/session").POST(BodyPublishers.noBody()).build());
    }

    private String cookieValue() throws Exception {
        HttpResponse<String> r = signIn();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        List<HttpCookie> cookies = HttpCookie.parse(r.headers().firstValue("Set-Cookie").orElseThrow());
        return cookies.getFirst().getValue();
    }

    private HttpRequest.Builder withCookie(String path, String value) {
        return HttpRequest.newBuilder(host.uri(path)).header("Cookie", "other=1; " + cookieName + "=" + value);
    }

    @Test
    void theTokenBuysAnHttpOnlySameSiteStrictCookieScopedToTheApi() throws Exception {
        HttpResponse<String> r = signIn();
        assertThat(r.statusCode()).isEqualTo(204);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(cookieName + "=").contains("; Path=/api").contains("; HttpOnly")
                .contains("; SameSite=Strict").doesNotContain("Max-Age").doesNotContain("Expires");
        String value = HttpCookie.parse(setCookie).getFirst().getValue();
        assertThat(value).as("the cookie is derived from the token, not the token").hasSize(43)
                .doesNotContain(TestHost.TOKEN).doesNotContain(TestHost.TOKEN.substring(0, 12));
        assertThat(cookieValue()).as("the same token gives the same session").isEqualTo(value);
    }

    @Test
    void withoutTheTokenNoCookieIsSet() throws Exception {
        for (HttpRequest.Builder b : List.of(HttpRequest.newBuilder(host.uri("/api/session")),
                HttpRequest.newBuilder(host.uri("/api/session")).header("Authorization", "Bearer wrong-token"),
                withCookie("/api/session", "forged"))) {
            HttpResponse<String> r = host.send(b.POST(BodyPublishers.noBody()).build());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
            assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void theCookieAloneOpensTheApiForReadsAndForChangesFromThePage() throws Exception {
        String value = cookieValue();
        HttpResponse<String> groups = host.send(withCookie("/api/groups", value).GET().build());
        assertThat(groups.statusCode()).as(groups.body()).isEqualTo(200);
        assertThat(groups.body()).contains("\"groups\"");

        String origin = "http://127.0.0.1:" + host.server.port();
        HttpResponse<String> post = host.send(withCookie(MESSAGES, value).header("Origin", origin)
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"text\":\"from the page\"}")).build());
        assertThat(post.statusCode()).as(post.body()).isEqualTo(202);
        assertThat(host.messages.count()).isEqualTo(1);
    }

    @Test
    void aCookieChangeWithoutOrFromAForeignOriginIsRefused() throws Exception {
        String value = cookieValue();
        HttpResponse<String> noOrigin = host.send(withCookie(MESSAGES, value)
                .POST(BodyPublishers.ofString("{\"text\":\"csrf?\"}")).build());
        assertThat(noOrigin.statusCode()).as(noOrigin.body()).isEqualTo(403);
        assertThat(noOrigin.body()).contains("Origin");
        for (String origin : List.of("http://evil.example", "http://127.0.0.1:1", "null")) {
            HttpResponse<String> r = host.send(withCookie(MESSAGES, value).header("Origin", origin)
                    .POST(BodyPublishers.ofString("{\"text\":\"csrf?\"}")).build());
            assertThat(r.statusCode()).as(origin).isEqualTo(403);
            HttpResponse<String> read = host.send(withCookie("/api/groups", value).header("Origin", origin).GET().build());
            assertThat(read.statusCode()).as("read from " + origin).isEqualTo(403);
        }
        HttpResponse<String> delete = host.send(withCookie("/api/groups/main", value).DELETE().build());
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(host.messages.count()).isZero();
        assertThat(host.groups.all()).hasSize(1);
    }

    @Test
    void aWrongOrForeignCookieIsRefused() throws Exception {
        String value = cookieValue();
        for (String cookie : List.of(cookieName + "=" + value.substring(1), cookieName + "=",
                "pincer-1=" + value, cookieName.toUpperCase() + "=" + value, cookieName + "=" + TestHost.TOKEN)) {
            HttpResponse<String> r = host.send(HttpRequest.newBuilder(host.uri("/api/groups")).header("Cookie", cookie).GET().build());
            assertThat(r.statusCode()).as(cookie).isEqualTo(401);
        }
    }

    @Test
    void aBrowserLikeClientKeepsTheSessionAndSigningOutEndsIt() throws Exception {
        CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        try (HttpClient browser = HttpClient.newBuilder().cookieHandler(jar).build()) {
            HttpResponse<String> in = browser.send(host.authed("/api/session").POST(BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(in.statusCode()).isEqualTo(204);
            HttpCookie stored = jar.getCookieStore().getCookies().getFirst();
            assertThat(stored.isHttpOnly()).isTrue();
            assertThat(stored.getPath()).isEqualTo("/api");
            assertThat(browser.send(HttpRequest.newBuilder(host.uri("/api/status")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            HttpResponse<String> out = browser.send(HttpRequest.newBuilder(host.uri("/api/session"))
                    .header("Origin", "http://127.0.0.1:" + host.server.port()).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(out.statusCode()).as(out.body()).isEqualTo(204);
            assertThat(out.headers().firstValue("Set-Cookie")).hasValueSatisfying(v -> assertThat(v).contains("Max-Age=0"));
            assertThat(jar.getCookieStore().getCookies()).isEmpty();
            assertThat(browser.send(HttpRequest.newBuilder(host.uri("/api/status")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        }
    }
}
