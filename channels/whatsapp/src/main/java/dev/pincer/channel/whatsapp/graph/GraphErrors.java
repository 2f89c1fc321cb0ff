package dev.pincer.channel.whatsapp.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.host.channel.RateLimited;
import dev.pincer.host.channel.Undeliverable;
import dev.pincer.protocol.Json;
import java.time.Duration;
import java.util.Set;

/**
 * What an error answer of the Graph API ({@code {"error": {"code": ..., "message": ...}}}) means for
 * the outbox: {@link RateLimited} (HTTP 429, code 130429 throughput, 131056 too many to one person,
 * 80007 and 4 account or app limits), {@link Undeliverable} (131047 the 24-hour window is closed,
 * and other refusals no retry can change), or a {@link GraphException} that is retried.
 */
public final class GraphErrors {
    private GraphErrors() {}

    /** The customer-service window: a free-form message more than 24 hours after the person last wrote. */
    public static final int WINDOW_CLOSED = 131047;
    /** Without a {@code Retry-After}, a rate limit waits this long. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

    private static final Set<Integer> RATE_LIMITS = Set.of(130429, 131056, 80007, 4);
    /** Refusals that no retry changes: bad parameters, a recipient who cannot get it, an unsupported message. */
    private static final Set<Integer> FOR_GOOD = Set.of(WINDOW_CLOSED, 100, 131008, 131009, 131021, 131026, 131030, 131051);
    /** The token or its permissions were refused: nothing works until the owner fixes the setting. */
    private static final Set<Integer> AUTH = Set.of(190, 10, 200, 3);

    /** The code and text of an error answer (code 0 when the body is not the Graph API's error). */
    public record ApiError(int code, String message) {
        static ApiError parse(String body) {
            try {
                JsonNode e = Json.MAPPER.readTree(body).path("error");
                String details = e.path("error_data").path("details").asText("");
                String msg = e.path("message").asText("");
                if (!details.isBlank() && !details.equals(msg)) {
                    msg = msg.isBlank() ? details : msg + ": " + details;
                }
                return new ApiError(e.path("code").asInt(0), msg.isBlank() ? abbreviate(body) : msg);
            } catch (java.io.IOException | RuntimeException ex) {
                return new ApiError(0, abbreviate(body));
            }
        }
    }

    /**
     * The exception for an answer with HTTP status {@code status}.
     *
     * @param retryAfter the {@code Retry-After} header, or null
     */
    public static Exception of(int status, String retryAfter, String body, String doing) {
        ApiError e = ApiError.parse(body == null ? "" : body);
        String said = "WhatsApp refused to " + doing + " (HTTP " + status + (e.code() == 0 ? "" : ", error " + e.code()) + "): " + e.message();
        if (status == 429 || RATE_LIMITS.contains(e.code())) {
            return new RateLimited(wait(retryAfter), said);
        }
        if (e.code() == WINDOW_CLOSED) {
            return new Undeliverable("WhatsApp accepts replies only within 24 hours of the person's last message (error "
                    + WINDOW_CLOSED + "); it can reach them again once they write");
        }
        if (FOR_GOOD.contains(e.code())) {
            return new Undeliverable(said);
        }
        if (status == 401 || status == 403 || AUTH.contains(e.code())) {
            return new GraphException(said + "; check WHATSAPP_TOKEN (a permanent token with whatsapp_business_messaging)"
                    + " and WHATSAPP_PHONE_NUMBER_ID", true);
        }
        return new GraphException(said, status >= 500);
    }

    static Duration wait(String retryAfter) {
        if (retryAfter != null) {
            try {
                return Duration.ofSeconds(Math.max(1, Long.parseLong(retryAfter.strip())));
            } catch (NumberFormatException ignored) {
                // an HTTP date or garbage: the default below
            }
        }
        return DEFAULT_WAIT;
    }

    static String abbreviate(String body) {
        String b = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return b.isEmpty() ? "(no details)" : b.length() <= 300 ? b : b.substring(0, 297) + "...";
    }
}
