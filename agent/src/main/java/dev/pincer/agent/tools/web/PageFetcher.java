package dev.pincer.agent.tools.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches a page through the sandbox's egress proxy, following up to {@link #MAX_REDIRECTS}
 * redirects (each one a new request the proxy checks again), with a size cap and a timeout.
 */
public final class PageFetcher {
    public static final int MAX_REDIRECTS = 5;
    public static final int MAX_BYTES = 5 * 1024 * 1024;
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern CHARSET = Pattern.compile("charset=\"?([A-Za-z0-9_.:-]+)", Pattern.CASE_INSENSITIVE);

    /** A fetched page: the final URL, its content type and text (cut at the size cap). */
    public record Page(URI url, String contentType, String text, boolean truncated) {}

    /** A fetch that did not produce a page; the message is for the model. */
    public static final class FetchException extends Exception {
        private static final long serialVersionUID = 1L;

        FetchException(String message) {
            super(message);
        }
    }

    private final HttpClient http;

    /** @param proxy the egress proxy as the sandbox sees it ({@code 127.0.0.1:3128}) */
    public PageFetcher(InetSocketAddress proxy) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(ProxySelector.of(proxy))
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(15))
                .build();
    }

    public Page fetch(URI url) throws FetchException, InterruptedException {
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse<InputStream> response = send(current);
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("location").isPresent()) {
                close(response);
                current = redirect(current, response.headers().firstValue("location").get());
                continue;
            }
            if (response.headers().firstValue("x-pincer-proxy").isPresent()) {
                throw new FetchException("the egress proxy refused " + current + " (HTTP " + status + "): "
                        + read(response, 4096).strip());
            }
            if (status >= 400) {
                close(response);
                throw new FetchException("HTTP " + status + " from " + current);
            }
            String type = response.headers().firstValue("content-type").orElse("text/plain");
            if (!isText(type)) {
                close(response);
                throw new FetchException("cannot read " + current + ": its content type is " + type + ", not text");
            }
            byte[] bytes = readBytes(response, MAX_BYTES + 1);
            boolean truncated = bytes.length > MAX_BYTES;
            String text = new String(bytes, 0, Math.min(bytes.length, MAX_BYTES), charset(type));
            return new Page(current, type, text, truncated);
        }
        throw new FetchException("more than " + MAX_REDIRECTS + " redirects starting at " + url);
    }

    private HttpResponse<InputStream> send(URI url) throws FetchException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("User-Agent", "Pincer-WebFetch/1.0")
                .header("Accept", "text/html, text/markdown, text/plain;q=0.9, application/json;q=0.8, */*;q=0.5")
                .GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new FetchException("timed out after " + TIMEOUT.toSeconds() + " s fetching " + url);
        } catch (IOException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("Tunnel failed")) {
                throw new FetchException("the egress proxy refused to connect to " + url.getHost() + " (" + msg
                        + "); this group's egress policy does not allow it or the site is unreachable");
            }
            throw new FetchException("cannot fetch " + url + ": " + e.getClass().getSimpleName() + " " + msg);
        }
    }

    private static URI redirect(URI from, String location) throws FetchException {
        try {
            URI next = from.resolve(location.strip());
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new FetchException("redirect to an unsupported URL: " + location);
            }
            return next;
        } catch (IllegalArgumentException e) {
            throw new FetchException("redirect to a malformed URL: " + location);
        }
    }

    static boolean isText(String contentType) {
        String t = contentType.toLowerCase(Locale.ROOT).split(";")[0].strip();
        return t.startsWith("text/") || t.equals("application/json") || t.equals("application/xml")
                || t.equals("application/xhtml+xml") || t.endsWith("+json") || t.endsWith("+xml")
                || t.equals("application/javascript");
    }

    static boolean isHtml(String contentType) {
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.contains("html");
    }

    private static Charset charset(String contentType) {
        Matcher m = CHARSET.matcher(contentType);
        if (m.find()) {
            try {
                return Charset.forName(m.group(1));
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String read(HttpResponse<InputStream> r, int max) throws FetchException {
        return new String(readBytes(r, max), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(HttpResponse<InputStream> r, int max) throws FetchException {
        try (InputStream in = r.body()) {
            return in.readNBytes(max);
        } catch (IOException e) {
            throw new FetchException("the response broke off: " + e.getClass().getSimpleName());
        }
    }

    private static void close(HttpResponse<InputStream> r) {
        try {
            r.body().close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
