package dev.pincer.web;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The chat page's sign-in: {@code POST /api/session} with the bearer token sets an
 * {@code HttpOnly; SameSite=Strict} cookie scoped to {@code /api}, so the page never keeps the token
 * where its scripts (or anything injected into them) could read it. The cookie's value is derived
 * from the token (HMAC-SHA256), not the token itself, and stays valid until the token changes or the
 * browser closes (it is a session cookie). Cookies are shared by every port of a host, so the name
 * carries the port: two Pincers on one machine keep separate sessions.
 */
final class Session {

    private final String name;
    private final byte[] value;

    Session(String token, int port) {
        this.name = "pincer-" + port;
        this.value = derive(token).getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code POST /api/session} (already authenticated by the bearer token): sets the cookie. */
    Reply open(Request request) {
        request.exchange().getResponseHeaders().add("Set-Cookie", signIn());
        return new Reply.NoContent();
    }

    /** {@code DELETE /api/session}: removes the cookie. */
    Reply close(Request request) {
        request.exchange().getResponseHeaders().add("Set-Cookie", signOut());
        return new Reply.NoContent();
    }

    /** The {@code Set-Cookie} value that signs the browser in. */
    String signIn() {
        return name + "=" + new String(value, StandardCharsets.US_ASCII) + "; Path=/api; HttpOnly; SameSite=Strict";
    }

    /** The {@code Set-Cookie} value that removes the cookie again. */
    String signOut() {
        return name + "=; Path=/api; Max-Age=0; HttpOnly; SameSite=Strict";
    }

    /** The session cookie's value if the request sent one (the first of that name). */
    Optional<String> sent(Headers headers) {
        List<String> cookies = headers.get("Cookie");
        if (cookies == null) {
            return Optional.empty();
        }
        for (String header : cookies) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
                    return Optional.of(pair.substring(eq + 1).strip());
                }
            }
        }
        return Optional.empty();
    }

    /** Whether {@code cookie} is this server's session value (constant-time comparison). */
    boolean accepts(String cookie) {
        return MessageDigest.isEqual(value, cookie.getBytes(StandardCharsets.US_ASCII));
    }

    private static String derive(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal("pincer web session v1".getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
