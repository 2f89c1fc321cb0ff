package dev.pincer.host.jvmcache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The model of a {@link Training} run: an Anthropic Messages endpoint on 127.0.0.1 with an
 * ephemeral port that streams a fixed script, so the training goes the way of a real first turn
 * (streamed text, tool calls run, their results sent back, a final answer) without a credential or
 * a network. Its tool calls only touch the training run's own group folder.
 */
final class TrainingModel implements AutoCloseable {

    /** One tool call of the script: its name and input. */
    private record Call(String name, Map<String, Object> input) {}

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<List<Call>> script;

    /** Starts the model; {@code group} is the training run's group folder, the only place its tools touch. */
    TrainingModel(Path group) throws IOException {
        String notes = group.resolve("notes.md").toString();
        this.script = List.of(
                List.of(new Call("Write", Map.of("file_path", notes, "content", "# Notes\n- the cache is trained\n")),
                        new Call("Bash", Map.of("command", "cat notes.md && ls", "description", "show the notes"))),
                List.of(new Call("Read", Map.of("file_path", notes)), new Call("Glob", Map.of("pattern", "*.md")),
                        new Call("Edit", Map.of("file_path", notes, "old_string", "trained", "new_string", "trained twice"))),
                List.of());
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/messages", this::answer);
        server.start();
    }

    /** What the agent's {@code PINCER_LLM_BASE_URL} is. */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** How many model requests were answered. */
    int requests() {
        return requests.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            int n = requests.getAndIncrement();
            List<Call> calls = script.get(Math.min(n, script.size() - 1));
            exchange.getResponseHeaders().set("content-type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                stream(out, n, calls);
            }
        }
    }

    private static void stream(OutputStream out, int n, List<Call> calls) throws IOException {
        ObjectNode message = Json.MAPPER.createObjectNode().put("id", "msg_training_" + n).put("type", "message")
                .put("role", "assistant").put("model", "training");
        message.putArray("content");
        message.putObject("usage").put("input_tokens", 10).put("output_tokens", 1);
        event(out, "message_start", Json.MAPPER.createObjectNode().put("type", "message_start").set("message", message));
        String text = calls.isEmpty() ? "Noted: the notes file is written and checked." : "Let me note that.";
        event(out, "content_block_start", block(0).set("content_block",
                Json.MAPPER.createObjectNode().put("type", "text").put("text", "")));
        for (String piece : List.of(text.substring(0, text.length() / 2), text.substring(text.length() / 2))) {
            event(out, "content_block_delta", block(0).set("delta",
                    Json.MAPPER.createObjectNode().put("type", "text_delta").put("text", piece)));
        }
        event(out, "content_block_stop", block(0));
        int index = 1;
        for (Call call : calls) {
            ObjectNode use = Json.MAPPER.createObjectNode().put("type", "tool_use").put("id", "toolu_training_" + n + "_" + index)
                    .put("name", call.name());
            use.putObject("input");
            event(out, "content_block_start", block(index).set("content_block", use));
            event(out, "content_block_delta", block(index).set("delta", Json.MAPPER.createObjectNode()
                    .put("type", "input_json_delta").put("partial_json", Json.MAPPER.writeValueAsString(call.input()))));
            event(out, "content_block_stop", block(index++));
        }
        ObjectNode delta = Json.MAPPER.createObjectNode().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", calls.isEmpty() ? "end_turn" : "tool_use");
        delta.putObject("usage").put("output_tokens", 20);
        event(out, "message_delta", delta);
        event(out, "message_stop", Json.MAPPER.createObjectNode().put("type", "message_stop"));
    }

    private static ObjectNode block(int index) {
        return Json.MAPPER.createObjectNode().put("index", index);
    }

    private static void event(OutputStream out, String name, ObjectNode data) throws IOException {
        if (!data.has("type")) {
            data.put("type", name);
        }
        out.write(("event: " + name + "\ndata: " + Json.MAPPER.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
