package dev.pincer.web;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The two checks every request passes before it reaches a route: a browser {@code Origin}, when
 * sent, must be this server's own; and every {@code /api} call must carry the bearer token or the
 * chat page's {@link Session} cookie. Against cross-site requests the cookie is
 * {@code SameSite=Strict}, and a cookie-authenticated request that changes anything must also
 * carry this server's {@code Origin} (browsers send it on every such request; other clients use
 * the bearer header).
 */
final class Guard {

    private final byte[] tokenDigest;
    private final Set<String> origins;
    private final String home;
    private final Session session;

    /**
     * @param token    the bearer token clients must send
     * @param bindHost the host the server is bound to (allowed as an origin if it names one host)
     * @param port     the bound port
     */
    Guard(String token, String bindHost, int port) {
        this.tokenDigest = sha256(token);
        this.origins = allowedOrigins(bindHost, port);
        this.home = "http://127.0.0.1:" + port + "/";
        this.session = new Session(token, port);
    }

    Session session() {
        return session;
    }

    /** Refuses a request whose {@code Origin} header names another site (403). No header is fine. */
    void checkOrigin(Headers headers) {
        List<String> sent = headers.get("Origin");
        if (sent == null) {
            return;
        }
        for (String origin : sent) {
            if (!origins.contains(origin.strip().toLowerCase(Locale.ROOT))) {
                throw new HttpError(403, "requests from origin '" + HttpError.shown(origin) + "' are refused; use the page served at " + home);
            }
        }
    }

    /**
     * Refuses a request without {@code Authorization: Bearer <token>} or the session cookie, or with a
     * wrong one (401); a cookie-authenticated {@code method} other than GET and HEAD without an
     * {@code Origin} header is refused too (403). Call after {@link #checkOrigin}.
     */
    void checkAccess(Headers headers, String method) {
        String auth = headers.getFirst("Authorization");
        if (auth == null || auth.isBlank()) {
            checkCookie(headers, method);
            return;
        }
        String a = auth.strip();
        if (a.length() < 7 || !a.substring(0, 7).equalsIgnoreCase("bearer ")) {
            throw unauthorized("the Authorization header must use the Bearer scheme: 'Authorization: Bearer <token>'");
        }
        if (!MessageDigest.isEqual(tokenDigest, sha256(a.substring(7).strip()))) {
            throw unauthorized("wrong token; the token is PINCER_WEB_TOKEN or the contents of data/web-token");
        }
    }

    private void checkCookie(Headers headers, String method) {
        String cookie = session.sent(headers).orElseThrow(() -> unauthorized("missing 'Authorization: Bearer <token>' header; "
                + "the token is PINCER_WEB_TOKEN or the contents of data/web-token"));
        if (!session.accepts(cookie)) {
            throw unauthorized("the session cookie is not valid (the token changed?); open the chat link again");
        }
        if (!method.equals("GET") && !method.equals("HEAD") && headers.getFirst("Origin") == null) {
            throw new HttpError(403, "a request signed in by cookie must come from the page served at " + home
                    + " (it sends an Origin header); other clients use 'Authorization: Bearer <token>'");
        }
    }

    private static HttpError unauthorized(String reason) {
        return new HttpError(401, reason, Map.of("WWW-Authenticate", "Bearer realm=\"pincer\""));
    }

    private static Set<String> allowedOrigins(String bindHost, int port) {
        var out = new java.util.HashSet<String>();
        out.add("http://127.0.0.1:" + port);
        out.add("http://localhost:" + port);
        out.add("http://[::1]:" + port);
        String h = bindHost.strip().toLowerCase(Locale.ROOT);
        boolean wildcard = h.isEmpty() || h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]");
        if (!wildcard) {
            boolean ipv6 = h.contains(":") && !h.startsWith("[");
            out.add("http://" + (ipv6 ? "[" + h + "]" : h) + ":" + port);
        }
        return Set.copyOf(out);
    }

    /** Hashing both sides first makes the comparison constant-time in the token's length too. */
    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
