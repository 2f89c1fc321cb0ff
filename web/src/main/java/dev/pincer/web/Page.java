package dev.pincer.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /}: the chat page, one self-contained HTML resource. Its inline script and style are
 * allowed by their SHA-256 hashes, so the Content-Security-Policy needs no {@code 'unsafe-inline'}
 * and allows nothing from anywhere but this server.
 */
final class Page {

    private static final Pattern SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
    private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);

    private final byte[] html;
    private final String csp;

    private Page(String html) {
        this.html = html.getBytes(StandardCharsets.UTF_8);
        this.csp = "default-src 'none'; script-src " + hashes(SCRIPT, html) + "; style-src " + hashes(STYLE, html)
                + "; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    static Page load() {
        try (InputStream in = Page.class.getResourceAsStream("index.html")) {
            if (in == null) {
                throw new IllegalStateException("the web module is missing its index.html resource");
            }
            return new Page(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web page resource: " + e.getMessage(), e);
        }
    }

    Reply serve(Request r) {
        return new Reply.Html(html.clone(), csp);
    }

    String contentSecurityPolicy() {
        return csp;
    }

    private static String hashes(Pattern block, String html) {
        StringBuilder sb = new StringBuilder();
        Matcher m = block.matcher(html);
        while (m.find()) {
            sb.append(sb.isEmpty() ? "" : " ").append("'sha256-").append(sha256(m.group(1))).append('\'');
        }
        return sb.isEmpty() ? "'none'" : sb.toString();
    }

    private static String sha256(String s) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
