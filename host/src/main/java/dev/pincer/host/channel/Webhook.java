package dev.pincer.host.channel;

import java.util.List;
import java.util.Map;

/**
 * A platform that calls Pincer (a webhook, e.g. WhatsApp's Cloud API) instead of being polled. The
 * host serves every channel's webhook on one listener, {@code PINCER_WEBHOOK_ADDR} (default
 * {@code 127.0.0.1:7879}), meant to sit behind the user's HTTPS reverse proxy or tunnel; the
 * channel checks the platform's signature itself and answers fast (the platform retries slow ones).
 */
public interface Webhook {

    /** The path it is served at, e.g. {@code /webhooks/whatsapp}. */
    String path();

    /** Handles one call; the body is at most {@link #MAX_BODY} bytes (larger ones are refused with 413 before this). */
    Response handle(Request request);

    int MAX_BODY = 1 << 20;

    /**
     * @param query   the decoded query parameters (the first value of each)
     * @param headers the request headers, names in lower case (all values)
     * @param body    the raw body, exactly as it arrived (signatures are over these bytes)
     */
    record Request(String method, Map<String, String> query, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    record Response(int status, String contentType, byte[] body) {
        public static Response text(int status, String text) {
            return new Response(status, "text/plain; charset=utf-8", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
