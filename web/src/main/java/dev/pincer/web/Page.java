package dev.pincer.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /} and {@code GET /static/{name}}: the web app, plain HTML, CSS and JavaScript served
 * from the jar with no build step. The page has no inline script or style, so the
 * Content-Security-Policy allows scripts, styles and images from this server only and nothing from
 * anywhere else (no {@code 'unsafe-inline'}, no other origin).
 */
final class Page {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** The files under {@code static/} and their types; nothing else is served. */
    static final Map<String, String> ASSETS = Map.of(
            "app.js", "text/javascript; charset=utf-8",
            "chat.js", "text/javascript; charset=utf-8",
            "markdown.js", "text/javascript; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "style.css", "text/css; charset=utf-8");
    private static final Pattern INLINE = Pattern.compile("<script>|<style>|\\son[a-z]+=|\\sstyle=", Pattern.CASE_INSENSITIVE);

    private final byte[] html;
    private final Map<String, byte[]> assets;

    private Page(byte[] html, Map<String, byte[]> assets) {
        this.html = html;
        this.assets = assets;
    }

    static Page load() {
        String index = new String(read("index.html"), StandardCharsets.UTF_8);
        if (INLINE.matcher(index).find()) {
            throw new IllegalStateException("index.html has an inline script, style or handler; the CSP would block it");
        }
        Map<String, byte[]> files = new java.util.HashMap<>();
        ASSETS.keySet().forEach(name -> files.put(name, read("static/" + name)));
        return new Page(index.getBytes(StandardCharsets.UTF_8), Map.copyOf(files));
    }

    private static byte[] read(String name) {
        try (InputStream in = Page.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the web module is missing its resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web page resource " + name + ": " + e.getMessage(), e);
        }
    }

    Reply serve(Request r) {
        return new Reply.Html(html.clone(), CSP);
    }

    Reply asset(Request r) {
        String name = r.param(0);
        byte[] body = assets.get(name);
        if (body == null) {
            throw HttpError.notFound("no such file: " + HttpError.shown(name));
        }
        return new Reply.Asset(body.clone(), ASSETS.get(name));
    }

    String contentSecurityPolicy() {
        return CSP;
    }
}
