package dev.pincer.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * Why a run failed, as the agent classified it, for the host to tell the user: a machine-readable
 * {@link Kind}, a short sentence for the chat, what fixes it, and the technical detail for logs.
 *
 * @param kind    what went wrong
 * @param message one or two short sentences for the user, e.g. "The model API refused the API key (HTTP 401)."
 * @param fix     what the user (or the admin) can do about it, or null when nothing helps but trying again
 * @param detail  the technical reason (API name, status, error type and the API's own message), or null
 */
public record RunFailure(Kind kind, String message, String fix, String detail) {

    public RunFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    /** The closed set of failure kinds; on the wire their lower-case names, e.g. {@code rate_limited}. */
    public enum Kind {
        /** No connection to the model API (or a gateway in between could not reach it), also after retries. */
        MODEL_UNREACHABLE,
        /** The model API kept answering with server errors (5xx, 529 overloaded, error events) after retries. */
        MODEL_ERROR,
        /** The model API kept answering 429 after backing off. */
        RATE_LIMITED,
        /** The model API refused the credential (401) or the access (403); not retried. */
        AUTH,
        /** The model API refused the request itself (400, 404, 413, ...): too long, unknown model; not retried. */
        BAD_REQUEST,
        /** The egress proxy refused the call because the spending budget is used up ({@code budget_exceeded}). */
        BUDGET,
        /** A streamed answer started and then went silent for the stall threshold, also after retries. */
        STALLED,
        /** No answer started within the stall threshold (or a gateway timed out), also after retries. */
        TIMEOUT,
        /** The run reached the agent's own limit of model calls or tokens. */
        TOOL_BUDGET,
        /** Anything else: a bug or an unexpected condition inside the agent. */
        INTERNAL;

        /**
         * Whether the model did work on the messages before this stopped it (a budget ran out
         * mid-answer): the turn stays in the session and the messages count as answered, so "go
         * on" continues it. Any other failure takes the turn back; its messages come again.
         */
        public boolean keepsTurn() {
            return this == TOOL_BUDGET || this == BUDGET;
        }

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind of a wire name; an unknown one (from a newer agent) reads as {@link #INTERNAL}. */
        @JsonCreator
        public static Kind of(String wireName) {
            for (Kind k : values()) {
                if (k.wireName().equals(wireName)) {
                    return k;
                }
            }
            return INTERNAL;
        }
    }
}
