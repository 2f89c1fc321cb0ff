package dev.pincer.host.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.protocol.Json;
import dev.pincer.protocol.Usage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads the provider's own usage numbers out of a response while it is relayed, never holding it
 * up: a server-sent event stream line by line ({@code message_start.message.usage} and
 * {@code message_delta.usage} of the Messages API, the {@code usage} chunk of Chat Completions, the
 * {@code response.usage} of a finished Responses stream), or a JSON body as a whole ({@code usage}).
 * Lines and bodies too large to hold are skipped: usage never lives in them.
 */
final class UsageTap {
    static final int MAX_JSON_BYTES = 16 * 1024 * 1024;
    static final int MAX_LINE_BYTES = 1024 * 1024;

    private final LlmApi api;
    private final boolean events;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private final int cap;
    private boolean overflow;
    private LlmApi.Partial seen = LlmApi.Partial.NONE;

    private UsageTap(LlmApi api, boolean events) {
        this.api = api;
        this.events = events;
        this.cap = events ? MAX_LINE_BYTES : MAX_JSON_BYTES;
    }

    /** A tap for a response of {@code contentType}; anything but an event stream is read as JSON. */
    static UsageTap of(LlmApi api, String contentType) {
        return new UsageTap(api, contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream"));
    }

    /** Sees the next bytes of the response body. */
    void accept(byte[] b, int off, int len) {
        if (!events) {
            hold(b, off, len);
            return;
        }
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                hold(b, start, i - start);
                line();
                start = i + 1;
            }
        }
        hold(b, start, off + len - start);
    }

    /** The usage the response reported (zero for what it did not report), once the body has ended. */
    Usage usage() {
        if (events) {
            line();
        } else if (!overflow && held.size() > 0) {
            read(held.toByteArray(), false);
        }
        return seen.toUsage();
    }

    private void hold(byte[] b, int off, int len) {
        if (overflow || len == 0) {
            return;
        }
        if (held.size() + len > cap) {
            overflow = true;
            held.reset();
            return;
        }
        held.write(b, off, len);
    }

    private void line() {
        if (!overflow) {
            String text = held.toString(StandardCharsets.UTF_8).strip();
            if (text.startsWith("data:") && !text.substring(5).strip().equals("[DONE]")) {
                read(text.substring(5).strip().getBytes(StandardCharsets.UTF_8), true);
            }
        }
        held.reset();
        overflow = false;
    }

    private void read(byte[] json, boolean event) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            return; // not JSON: nothing to count
        }
        if (n == null || !n.isObject()) {
            return;
        }
        seen = seen.merge(api.usage(n.path("usage")));
        if (event) {
            seen = seen.merge(api.usage(n.path("message").path("usage"))).merge(api.usage(n.path("response").path("usage")));
        }
    }
}
