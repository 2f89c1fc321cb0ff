package dev.pincer.host.proxy;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * The real LLM credential and where to send it. Exactly one of {@code apiKey} (sent as
 * {@code x-api-key}) and {@code bearerToken} (an OAuth or auth token, sent as
 * {@code Authorization: Bearer}) is set. {@link #toString()} never shows either.
 */
public record Credentials(String apiKey, String bearerToken, URI upstream) {

    public static final URI DEFAULT_UPSTREAM = URI.create("https://api.anthropic.com");

    public Credentials {
        if ((apiKey == null) == (bearerToken == null)) {
            throw new IllegalArgumentException("exactly one of an API key and a bearer token is needed");
        }
        String secret = apiKey != null ? apiKey : bearerToken;
        if (secret.isBlank() || secret.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("the credential is empty or has characters not allowed in an HTTP header");
        }
        upstream = validUpstream(upstream);
    }

    public static Credentials apiKey(String key, URI upstream) {
        return new Credentials(key, null, upstream);
    }

    public static Credentials bearer(String token, URI upstream) {
        return new Credentials(null, token, upstream);
    }

    /** The header that carries the credential, lower-case. */
    String headerName() {
        return apiKey != null ? "x-api-key" : "authorization";
    }

    String headerValue() {
        return apiKey != null ? apiKey : "Bearer " + bearerToken;
    }

    /** {@code text} with the secret replaced, for anything that leaves this class as text. */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        return text.replace(apiKey != null ? apiKey : bearerToken, "****");
    }

    @Override
    public String toString() {
        return "Credentials[" + (apiKey != null ? "x-api-key" : "bearer") + "=****, upstream=" + upstream + "]";
    }

    private static URI validUpstream(URI u) {
        Objects.requireNonNull(u, "upstream");
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            // the URL itself is not repeated: it may carry a password
            throw new IllegalArgumentException("the LLM upstream must be an http(s) URL: scheme://host[:port][/path]"
                    + (scheme.isEmpty() ? "" : ", not " + scheme + "://"));
        }
        if (u.getHost() == null || u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new IllegalArgumentException("the LLM upstream must be scheme://host[:port][/path] without user info,"
                    + " query or fragment");
        }
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme + "://" + u.getRawAuthority() + path);
    }
}
