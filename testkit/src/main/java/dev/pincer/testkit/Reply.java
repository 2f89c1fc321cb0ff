package dev.pincer.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One scripted answer of a fake model API ({@link FakeAnthropic}, {@link FakeOpenAI}): a model turn
 * (text and/or tool calls), an HTTP error, or an error event in the middle of a stream. Immutable;
 * the {@code with...}-style methods ({@link #usage}, {@link #delayMillis(long)}, {@link #header},
 * {@link #stopReason(String)}, {@link #stallAfter(int)}) return copies.
 *
 * @param turn     what the model says; empty for an error
 * @param error    the error (HTTP error body, or a streamed error event), or null
 * @param delivery how the fake sends it
 */
public record Reply(Turn turn, ApiError error, Delivery delivery) {

    /** Default usage of a scripted turn. */
    public static final Tokens DEFAULT_TOKENS = new Tokens(10, 5, 0, 0);
    private static final Turn NOTHING = new Turn(null, List.of(), List.of(), null, DEFAULT_TOKENS);
    private static final Delivery AT_ONCE = new Delivery(200, Map.of(), 0, Delivery.NO_STALL, 0);

    public Reply {
        Objects.requireNonNull(turn, "turn");
        Objects.requireNonNull(delivery, "delivery");
        if (turn.text() == null && turn.toolCalls().isEmpty() && error == null && turn.serverBlocks().isEmpty()) {
            throw new IllegalArgumentException("a reply needs text, tool calls or an error");
        }
    }

    /**
     * What the model says in a turn.
     *
     * @param text         leading text of the turn, or null for none
     * @param toolCalls    tool_use blocks after the text
     * @param serverBlocks server tool blocks ({@code server_tool_use}, {@code web_search_tool_result}) sent
     *                     verbatim before the text, as the API does when it ran a server tool itself
     * @param stopReason   the turn's stop_reason ({@code end_turn}, {@code tool_use}, ...)
     * @param tokens       usage numbers reported for the turn
     */
    public record Turn(String text, List<ToolCall> toolCalls, List<Map<String, Object>> serverBlocks, String stopReason,
                       Tokens tokens) {
        public Turn {
            toolCalls = List.copyOf(toolCalls);
            serverBlocks = serverBlocks == null ? List.of() : List.copyOf(serverBlocks);
            Objects.requireNonNull(tokens, "tokens");
        }
    }

    /**
     * How the fake sends a reply.
     *
     * @param status      HTTP status; 200 for model turns and stream errors
     * @param headers     extra response headers, e.g. {@code retry-after}
     * @param delayMillis wait this long before answering
     * @param stallAfterEvents a streamed answer sends this many events and then nothing, holding the
     *                    connection open until the fake closes (a request without streaming gets no
     *                    response at all); {@link #NO_STALL} sends everything
     * @param paceMillis  a streamed answer waits this long after each piece of its text (0: none), so a
     *                    client sees the text arrive in steps
     */
    public record Delivery(int status, Map<String, String> headers, long delayMillis, int stallAfterEvents,
                           long paceMillis) {
        public static final int NO_STALL = -1;

        public Delivery {
            headers = Map.copyOf(headers);
        }

        public boolean stalls() {
            return stallAfterEvents != NO_STALL;
        }
    }

    /**
     * A tool call the model makes.
     *
     * @param id    the tool_use id; null means a generated {@code toolu_...} id
     * @param name  the tool name, e.g. {@code Bash}
     * @param input the tool input (serialised with Jackson)
     */
    public record ToolCall(String id, String name, Map<String, Object> input) {
        public ToolCall {
            Objects.requireNonNull(name, "name");
            input = input == null ? Map.of() : new LinkedHashMap<>(input);
        }

        public ToolCall(String name, Map<String, Object> input) {
            this(null, name, input);
        }
    }

    /** Usage numbers: input_tokens, output_tokens, cache_read_input_tokens, cache_creation_input_tokens. */
    public record Tokens(long input, long output, long cacheRead, long cacheWrite) {}

    /** An Anthropic error: {@code {"type":"error","error":{"type":..,"message":..}}}. */
    public record ApiError(String type, String message, boolean streamed) {}

    /** A final text turn ({@code stop_reason: end_turn}). */
    public static Reply text(String text) {
        return new Reply(new Turn(Objects.requireNonNull(text, "text"), List.of(), List.of(), "end_turn", DEFAULT_TOKENS),
                null, AT_ONCE);
    }

    /** A turn with a single tool call ({@code stop_reason: tool_use}). */
    public static Reply toolUse(String name, Map<String, Object> input) {
        return toolUses(null, List.of(new ToolCall(name, input)));
    }

    /** A turn with optional leading text and one or more tool calls ({@code stop_reason: tool_use}). */
    public static Reply toolUses(String text, List<ToolCall> calls) {
        if (calls.isEmpty()) {
            throw new IllegalArgumentException("toolUses needs at least one call");
        }
        return new Reply(new Turn(text, calls, List.of(), "tool_use", DEFAULT_TOKENS), null, AT_ONCE);
    }

    /** An HTTP error with an Anthropic error body, e.g. {@code error(529, "overloaded_error", "Overloaded")}. */
    public static Reply error(int status, String type, String message) {
        if (status < 400) {
            throw new IllegalArgumentException("error status must be >= 400, got " + status);
        }
        return new Reply(NOTHING, new ApiError(type, message, false), new Delivery(status, Map.of(), 0, Delivery.NO_STALL, 0));
    }

    /**
     * A streaming answer that starts with HTTP 200 and then sends an {@code error} event, as the
     * real API does when it becomes overloaded mid-stream. Non-streaming requests get HTTP 529.
     */
    public static Reply streamError(String type, String message) {
        return new Reply(NOTHING, new ApiError(type, message, true), AT_ONCE);
    }

    /** A copy reporting these input and output tokens. */
    public Reply usage(long input, long output) {
        return usage(input, output, 0, 0);
    }

    /** A copy reporting these usage numbers. */
    public Reply usage(long input, long output, long cacheRead, long cacheWrite) {
        return new Reply(new Turn(turn.text(), turn.toolCalls(), turn.serverBlocks(), turn.stopReason(),
                new Tokens(input, output, cacheRead, cacheWrite)), error, delivery);
    }

    /** A copy whose streamed text arrives in pieces {@code millis} apart. */
    public Reply paceMillis(long millis) {
        return new Reply(turn, error, new Delivery(delivery.status(), delivery.headers(), delivery.delayMillis(),
                delivery.stallAfterEvents(), millis));
    }

    /** A copy that waits this long before answering. */
    public Reply delayMillis(long millis) {
        return new Reply(turn, error, new Delivery(delivery.status(), delivery.headers(), millis, delivery.stallAfterEvents(), delivery.paceMillis()));
    }

    /**
     * A streamed text turn that stalls: the response starts, its first event arrives, then nothing
     * more until the client gives up or the fake closes. A request without streaming gets no response.
     */
    public static Reply stall() {
        return text("this answer never ends").stallAfter(1);
    }

    /** A copy that sends {@code events} SSE events (0: only the response headers) and then stalls; see {@link #stall()}. */
    public Reply stallAfter(int events) {
        if (events < 0) {
            throw new IllegalArgumentException("events must be >= 0");
        }
        return new Reply(turn, error, new Delivery(delivery.status(), delivery.headers(), delivery.delayMillis(), events, delivery.paceMillis()));
    }

    /** A copy with this stop_reason, e.g. {@code max_tokens}. */
    public Reply stopReason(String reason) {
        return new Reply(new Turn(turn.text(), turn.toolCalls(), turn.serverBlocks(), reason, turn.tokens()), error, delivery);
    }

    /** A copy with an extra response header, e.g. {@code header("retry-after", "1")}. */
    public Reply header(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(delivery.headers());
        h.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return new Reply(turn, error, new Delivery(delivery.status(), h, delivery.delayMillis(), delivery.stallAfterEvents(), delivery.paceMillis()));
    }

    /** Whether this reply is an error (HTTP or streamed). */
    public boolean isError() {
        return error != null;
    }

    /**
     * A turn in which the API searched the web itself: a {@code server_tool_use} block
     * ({@code web_search} with {@code query}), its {@code web_search_tool_result} with one result,
     * then {@code text} ({@code stop_reason: end_turn}; see {@link #stopReason(String)} for
     * {@code pause_turn}).
     */
    public static Reply webSearch(String id, String query, String resultUrl, String text) {
        Map<String, Object> use = new LinkedHashMap<>();
        use.put("type", "server_tool_use");
        use.put("id", id);
        use.put("name", "web_search");
        use.put("input", Map.of("query", query));
        Map<String, Object> hit = new LinkedHashMap<>();
        hit.put("type", "web_search_result");
        hit.put("url", resultUrl);
        hit.put("title", "Result for " + query);
        hit.put("encrypted_content", "enc-" + id);
        hit.put("page_age", null);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("type", "web_search_tool_result");
        result.put("tool_use_id", id);
        result.put("content", List.of(hit));
        return new Reply(new Turn(text, List.of(), List.of(use, result), "end_turn", DEFAULT_TOKENS), null, AT_ONCE);
    }
}
