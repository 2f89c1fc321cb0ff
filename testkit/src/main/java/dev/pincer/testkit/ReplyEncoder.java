package dev.pincer.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Turns a {@link Reply} into the Messages API wire format: one JSON message, or SSE events. */
final class ReplyEncoder {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectMapper mapper;

    ReplyEncoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A reply ready to send: tool calls carry their final ids, the message has its id. */
    record Resolved(Reply reply, List<Reply.ToolCall> calls, String messageId) {
        static Resolved of(Reply reply) {
            return new Resolved(reply, withIds(reply.turn().toolCalls(), "toolu_", 24), "msg_" + randomId(24));
        }
    }

    /** The calls, each without an id given a random one: {@code prefix} and {@code length} characters. */
    static List<Reply.ToolCall> withIds(List<Reply.ToolCall> calls, String prefix, int length) {
        List<Reply.ToolCall> resolved = new ArrayList<>();
        for (Reply.ToolCall c : calls) {
            resolved.add(c.id() != null ? c : new Reply.ToolCall(prefix + randomId(length), c.name(), c.input()));
        }
        return resolved;
    }

    static String randomId(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** {@code {"type":"error","error":{"type":..,"message":..}}}. */
    byte[] errorBody(Reply.ApiError error) throws IOException {
        return mapper.writeValueAsBytes(errorNode(error));
    }

    private ObjectNode errorNode(Reply.ApiError error) {
        ObjectNode root = mapper.createObjectNode().put("type", "error");
        root.putObject("error").put("type", error.type()).put("message", error.message());
        return root;
    }

    /** The non-streaming response body. */
    byte[] message(Resolved resolved, String model) throws IOException {
        Reply.Turn turn = resolved.reply().turn();
        ObjectNode msg = messageShell(resolved, model);
        ArrayNode content = msg.putArray("content");
        for (var block : turn.serverBlocks()) {
            content.add(mapper.<ObjectNode>valueToTree(block));
        }
        if (turn.text() != null) {
            content.addObject().put("type", "text").put("text", turn.text());
        }
        for (Reply.ToolCall call : resolved.calls()) {
            toolUseBlock(content.addObject(), call).set("input", mapper.valueToTree(call.input()));
        }
        msg.put("stop_reason", turn.stopReason());
        msg.putNull("stop_sequence");
        msg.set("usage", usage(turn.tokens(), turn.tokens().output()));
        return mapper.writeValueAsBytes(msg);
    }

    /** Writes the SSE events of a turn, flushing after each one so chunks really arrive apart. */
    void stream(Resolved resolved, String model, OutputStream out) throws IOException {
        Reply reply = resolved.reply();
        Reply.Turn turn = reply.turn();
        ObjectNode start = mapper.createObjectNode().put("type", "message_start");
        ObjectNode msg = messageShell(resolved, model);
        msg.putArray("content");
        msg.putNull("stop_reason");
        msg.putNull("stop_sequence");
        msg.set("usage", usage(turn.tokens(), 1));
        start.set("message", msg);
        event(out, "message_start", start);
        event(out, "ping", mapper.createObjectNode().put("type", "ping"));
        if (reply.error() != null) {
            event(out, "error", errorNode(reply.error()));
            return;
        }
        int index = 0;
        for (var raw : turn.serverBlocks()) {
            ObjectNode block = mapper.valueToTree(raw);
            if ("server_tool_use".equals(block.path("type").asText())) {
                String input = mapper.writeValueAsString(block.path("input"));
                block.putObject("input");
                blockStart(out, index, block);
                for (String piece : chunks(input, 2)) {
                    delta(out, index, mapper.createObjectNode().put("type", "input_json_delta").put("partial_json", piece));
                }
            } else {
                blockStart(out, index, block); // results arrive whole in content_block_start
            }
            blockStop(out, index++);
        }
        if (turn.text() != null) {
            ObjectNode block = mapper.createObjectNode().put("type", "text").put("text", "");
            blockStart(out, index, block);
            for (String piece : chunks(turn.text(), 3)) {
                delta(out, index, mapper.createObjectNode().put("type", "text_delta").put("text", piece));
                pace(reply.delivery().paceMillis());
            }
            blockStop(out, index++);
        }
        for (Reply.ToolCall call : resolved.calls()) {
            ObjectNode block = toolUseBlock(mapper.createObjectNode(), call);
            block.putObject("input");
            blockStart(out, index, block);
            delta(out, index, mapper.createObjectNode().put("type", "input_json_delta").put("partial_json", ""));
            for (String piece : chunks(mapper.writeValueAsString(call.input()), 4)) {
                delta(out, index, mapper.createObjectNode().put("type", "input_json_delta").put("partial_json", piece));
            }
            blockStop(out, index++);
            event(out, "ping", mapper.createObjectNode().put("type", "ping"));
        }
        ObjectNode messageDelta = mapper.createObjectNode().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", turn.stopReason()).putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", turn.tokens().output());
        event(out, "message_delta", messageDelta);
        event(out, "message_stop", mapper.createObjectNode().put("type", "message_stop"));
    }

    private static void pace(long millis) throws IOException {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("the fake closed while pacing a reply");
        }
    }

    private ObjectNode messageShell(Resolved resolved, String model) {
        ObjectNode msg = mapper.createObjectNode();
        msg.put("id", resolved.messageId()).put("type", "message").put("role", "assistant")
                .put("model", model == null ? "claude-fake" : model);
        return msg;
    }

    private static ObjectNode toolUseBlock(ObjectNode block, Reply.ToolCall call) {
        return block.put("type", "tool_use").put("id", call.id()).put("name", call.name());
    }

    private ObjectNode usage(Reply.Tokens t, long output) {
        return mapper.createObjectNode()
                .put("input_tokens", t.input())
                .put("cache_creation_input_tokens", t.cacheWrite())
                .put("cache_read_input_tokens", t.cacheRead())
                .put("output_tokens", output);
    }

    private void blockStart(OutputStream out, int index, ObjectNode block) throws IOException {
        ObjectNode e = mapper.createObjectNode().put("type", "content_block_start").put("index", index);
        e.set("content_block", block);
        event(out, "content_block_start", e);
    }

    private void delta(OutputStream out, int index, ObjectNode delta) throws IOException {
        ObjectNode e = mapper.createObjectNode().put("type", "content_block_delta").put("index", index);
        e.set("delta", delta);
        event(out, "content_block_delta", e);
    }

    private void blockStop(OutputStream out, int index) throws IOException {
        event(out, "content_block_stop", mapper.createObjectNode().put("type", "content_block_stop").put("index", index));
    }

    private void event(OutputStream out, String name, ObjectNode data) throws IOException {
        String frame = "event: " + name + "\ndata: " + mapper.writeValueAsString(data) + "\n\n";
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Splits {@code s} into up to {@code n} pieces without tearing surrogate pairs. */
    static List<String> chunks(String s, int n) {
        List<String> pieces = new ArrayList<>();
        int size = Math.max(1, (s.length() + n - 1) / n);
        int i = 0;
        while (i < s.length()) {
            int end = Math.min(s.length(), i + size);
            if (end < s.length() && Character.isHighSurrogate(s.charAt(end - 1))) {
                end++;
            }
            pieces.add(s.substring(i, end));
            i = end;
        }
        return pieces;
    }
}
