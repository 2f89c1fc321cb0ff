package dev.pincer.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * A fake Anthropic Messages API for tests: {@code POST .../v1/messages} on 127.0.0.1 with an
 * ephemeral port, answering with scripted {@link Reply replies} as JSON or, when the request has
 * {@code "stream": true}, as SSE events with chunked text and tool input. Every request is recorded.
 *
 * <pre>{@code
 * try (var fake = new FakeAnthropic()) {
 *     fake.enqueue(Reply.toolUse("Bash", Map.of("command", "ls")), Reply.text("done"));
 *     ... point the client at fake.baseUrl() ...
 *     assertThat(fake.awaitRequests(2, Duration.ofSeconds(5)).get(1).toolResults()).hasSize(1);
 * }
 * }</pre>
 * Conversations the real API would reject (a tool_use without its tool_result, empty text blocks,
 * ...) get a 400 (see {@link RequestValidator}); the rest of the plumbing is {@link FakeModelServer}'s.
 */
public final class FakeAnthropic extends FakeModelServer<FakeAnthropic> {
    private final ReplyEncoder encoder = new ReplyEncoder(mapper);

    /** Starts the fake on 127.0.0.1 with an ephemeral port; {@link #baseUrl()} has no path. */
    public FakeAnthropic() {
        super(new Api("Anthropic", "", "/v1/messages", "not_found_error"));
    }

    @Override
    String problem(JsonNode body) {
        return RequestValidator.problem(body);
    }

    @Override
    byte[] errorBody(Reply.ApiError error) throws IOException {
        return encoder.errorBody(error);
    }

    /** Every response carries a {@code request-id}, as the real API's do. */
    @Override
    void setHeaders(HttpExchange exchange, Map<String, String> headers) {
        exchange.getResponseHeaders().set("request-id", "req_" + ReplyEncoder.randomId(24));
        super.setHeaders(exchange, headers);
    }

    @Override
    void answer(HttpExchange exchange, RecordedRequest request, Reply reply) throws IOException {
        ReplyEncoder.Resolved turn = ReplyEncoder.Resolved.of(reply);
        if (request.stream()) {
            try (OutputStream out = startEvents(exchange, reply)) {
                encoder.stream(turn, request.model(), out);
            }
        } else {
            sendJson(exchange, 200, encoder.message(turn, request.model()));
        }
    }
}
