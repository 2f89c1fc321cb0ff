package dev.pincer.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A fake OpenAI-compatible Chat Completions API for tests: {@code POST .../chat/completions} on
 * 127.0.0.1 with an ephemeral port, answering with the same scripted {@link Reply replies} as
 * {@link FakeAnthropic}: as one {@code chat.completion} JSON, or, when the request has
 * {@code "stream": true}, as {@code data: {chunk}} events (text in pieces, each tool call's
 * {@code arguments} in fragments, a {@code finish_reason}, a usage chunk when
 * {@code stream_options.include_usage} is set, then {@code data: [DONE]}). Stop reasons map
 * {@code tool_use} → {@code tool_calls}, {@code end_turn} → {@code stop}, {@code max_tokens} →
 * {@code length}; usage reports {@code prompt_tokens} = input + cache-read, with the cache-read part
 * in {@code prompt_tokens_details.cached_tokens}. A conversation whose {@code tool_calls} are not
 * answered by {@code role: tool} messages (or the reverse) gets a 400; the rest of the plumbing
 * (recording, queue, fallback responder) is {@link FakeModelServer}'s.
 */
public final class FakeOpenAI extends FakeModelServer<FakeOpenAI> {

    /** Starts the fake on 127.0.0.1 with an ephemeral port; {@link #baseUrl()} is what {@code OPENAI_BASE_URL} is set to. */
    public FakeOpenAI() {
        super(new Api("OpenAI", "/v1", "/chat/completions", "not_found"));
    }

    @Override
    byte[] errorBody(Reply.ApiError error) throws IOException {
        ObjectNode root = mapper.createObjectNode();
        root.putObject("error").put("message", error.message()).put("type", error.type()).putNull("code");
        return mapper.writeValueAsBytes(root);
    }

    @Override
    void answer(HttpExchange exchange, RecordedRequest request, Reply reply) throws IOException {
        Reply.Turn turn = reply.turn();
        List<Reply.ToolCall> calls = ReplyEncoder.withIds(turn.toolCalls(), "call_", 20);
        String model = request.model() == null ? "gpt-fake" : request.model();
        if (!request.stream()) {
            ObjectNode body = shell("chat.completion", model);
            ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
            ObjectNode message = choice.putObject("message").put("role", "assistant");
            if (turn.text() != null) {
                message.put("content", turn.text());
            } else {
                message.putNull("content");
            }
            if (!calls.isEmpty()) {
                ArrayNode list = message.putArray("tool_calls");
                for (Reply.ToolCall c : calls) {
                    ObjectNode call = list.addObject().put("id", c.id()).put("type", "function");
                    call.putObject("function").put("name", c.name()).put("arguments", mapper.writeValueAsString(c.input()));
                }
            }
            choice.put("finish_reason", finishReason(turn.stopReason()));
            body.set("usage", usage(turn.tokens()));
            sendJson(exchange, 200, mapper.writeValueAsBytes(body));
            return;
        }
        Reply.ApiError error = reply.error();
        try (OutputStream out = startEvents(exchange, reply)) {
            chunk(out, model, d -> d.put("role", "assistant").put("content", ""), null);
            if (error != null) {
                ObjectNode e = mapper.createObjectNode();
                e.putObject("error").put("type", error.type()).put("message", error.message());
                data(out, mapper.writeValueAsString(e));
                return;
            }
            if (turn.text() != null) {
                for (String piece : ReplyEncoder.chunks(turn.text(), 3)) {
                    chunk(out, model, d -> d.put("content", piece), null);
                }
            }
            for (int i = 0; i < calls.size(); i++) {
                Reply.ToolCall c = calls.get(i);
                int index = i;
                chunk(out, model, d -> {
                    ObjectNode call = d.putArray("tool_calls").addObject().put("index", index).put("id", c.id())
                            .put("type", "function");
                    call.putObject("function").put("name", c.name()).put("arguments", "");
                }, null);
                for (String piece : ReplyEncoder.chunks(mapper.writeValueAsString(c.input()), 4)) {
                    chunk(out, model, d -> d.putArray("tool_calls").addObject().put("index", index)
                            .putObject("function").put("arguments", piece), null);
                }
            }
            chunk(out, model, d -> { }, finishReason(turn.stopReason()));
            if (request.body().path("stream_options").path("include_usage").asBoolean(false)) {
                ObjectNode last = shell("chat.completion.chunk", model);
                last.putArray("choices");
                last.set("usage", usage(turn.tokens()));
                data(out, mapper.writeValueAsString(last));
            }
            data(out, "[DONE]");
        }
    }

    private interface DeltaWriter {
        void write(ObjectNode delta) throws IOException;
    }

    private void chunk(OutputStream out, String model, DeltaWriter delta, String finishReason) throws IOException {
        ObjectNode c = shell("chat.completion.chunk", model);
        ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
        delta.write(choice.putObject("delta"));
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        data(out, mapper.writeValueAsString(c));
    }

    private ObjectNode shell(String object, String model) {
        return mapper.createObjectNode().put("id", "chatcmpl-" + ReplyEncoder.randomId(20)).put("object", object)
                .put("created", System.currentTimeMillis() / 1000).put("model", model);
    }

    private ObjectNode usage(Reply.Tokens t) {
        ObjectNode u = mapper.createObjectNode().put("prompt_tokens", t.input() + t.cacheRead())
                .put("completion_tokens", t.output()).put("total_tokens", t.input() + t.cacheRead() + t.output());
        u.putObject("prompt_tokens_details").put("cached_tokens", t.cacheRead());
        return u;
    }

    private static String finishReason(String stopReason) {
        return switch (stopReason == null ? "end_turn" : stopReason) {
            case "tool_use" -> "tool_calls";
            case "max_tokens" -> "length";
            case "end_turn", "stop_sequence" -> "stop";
            default -> stopReason;
        };
    }

    /** The conversation rules real servers enforce: tool_calls answered by tool messages right after, no orphans. */
    @Override
    String problem(JsonNode body) {
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            return "messages: at least one message is required";
        }
        Set<String> open = new LinkedHashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String role = m.path("role").asText();
            if (role.equals("tool")) {
                if (!open.remove(m.path("tool_call_id").asText())) {
                    return "messages." + i + ": a tool message must answer a tool_call of the preceding assistant message";
                }
                continue;
            }
            if (!open.isEmpty()) {
                return "messages." + i + ": tool_calls " + open + " were not answered by tool messages";
            }
            if (!Set.of("system", "user", "assistant").contains(role)) {
                return "messages." + i + ": unknown role '" + role + "'";
            }
            m.path("tool_calls").forEach(c -> open.add(c.path("id").asText()));
        }
        return open.isEmpty() ? null : "tool_calls " + open + " were not answered by tool messages";
    }
}
