package dev.pincer.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A fake OpenAI-compatible Chat Completions API for tests: {@code POST .../chat/completions} on
 * 127.0.0.1 with an ephemeral port, answering with the same scripted {@link Reply replies} as
 * {@link FakeAnthropic}: as one {@code chat.completion} JSON, or, when the request has
 * {@code "stream": true}, as {@code data: {chunk}} events (text in pieces, each tool call's
 * {@code arguments} in fragments, a {@code finish_reason}, a usage chunk when
 * {@code stream_options.include_usage} is set, then {@code data: [DONE]}). Stop reasons map
 * {@code tool_use} → {@code tool_calls}, {@code end_turn} → {@code stop}, {@code max_tokens} →
 * {@code length}; usage reports {@code prompt_tokens} = input + cache-read, with the cache-read part
 * in {@code prompt_tokens_details.cached_tokens}. Every request is recorded; a conversation whose
 * {@code tool_calls} are not answered by {@code role: tool} messages (or the reverse) gets a 400.
 */
public final class FakeOpenAI implements AutoCloseable {
    private static final int MAX_BODY = 32 << 20;

    private final ObjectMapper mapper = new ObjectMapper();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpServer server;
    private final Object lock = new Object();
    private final Deque<Reply> queue = new ArrayDeque<>();
    private final List<RecordedRequest> requests = new ArrayList<>();

    public FakeOpenAI() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the fake OpenAI server on 127.0.0.1", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:PORT/v1}: what {@code OPENAI_BASE_URL} is set to. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Appends replies to the FIFO queue; when it is empty the answer is the text "ok". */
    public FakeOpenAI enqueue(Reply... replies) {
        synchronized (lock) {
            for (Reply r : replies) {
                queue.add(Objects.requireNonNull(r, "reply"));
            }
        }
        return this;
    }

    /** A copy of all requests received so far, oldest first. */
    public List<RecordedRequest> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    /** Waits until at least {@code n} requests arrived and returns them; fails after {@code timeout}. */
    public List<RecordedRequest> awaitRequests(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (requests.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + n + " requests within " + timeout
                            + " but the fake OpenAI server received " + requests.size());
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for requests", e);
                }
            }
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            RecordedRequest request = record(exchange);
            if (!request.path().endsWith("/chat/completions") || !request.method().equals("POST")) {
                sendError(exchange, 404, new Reply.ApiError("not_found", "no route for " + request.method() + " "
                        + request.path(), false), Map.of());
                return;
            }
            String problem = problem(request.body());
            if (problem != null) {
                sendError(exchange, 400, new Reply.ApiError("invalid_request_error", problem, false), Map.of());
                return;
            }
            Reply reply;
            synchronized (lock) {
                reply = queue.isEmpty() ? Reply.text("ok") : queue.poll();
            }
            if (reply.delayMillis() > 0) {
                Thread.sleep(reply.delayMillis());
            }
            respond(exchange, request, reply);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away mid-response
        }
    }

    private void respond(HttpExchange exchange, RecordedRequest request, Reply reply) throws IOException {
        Reply.ApiError error = reply.error();
        if (error != null && (!error.streamed() || !request.stream())) {
            sendError(exchange, error.streamed() ? 500 : reply.status(), error, reply.headers());
            return;
        }
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        List<Reply.ToolCall> calls = new ArrayList<>();
        for (Reply.ToolCall c : reply.toolCalls()) {
            calls.add(c.id() != null ? c : new Reply.ToolCall("call_" + ReplyEncoder.randomId(20), c.name(), c.input()));
        }
        String model = request.model() == null ? "gpt-fake" : request.model();
        if (!request.stream()) {
            ObjectNode body = shell("chat.completion", model);
            ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
            ObjectNode message = choice.putObject("message").put("role", "assistant");
            if (reply.text() != null) {
                message.put("content", reply.text());
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
            choice.put("finish_reason", finishReason(reply.stopReason()));
            body.set("usage", usage(reply.tokens()));
            byte[] bytes = mapper.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            chunk(out, model, d -> d.put("role", "assistant").put("content", ""), null);
            if (error != null) {
                ObjectNode e = mapper.createObjectNode();
                e.putObject("error").put("type", error.type()).put("message", error.message());
                data(out, mapper.writeValueAsString(e));
                return;
            }
            if (reply.text() != null) {
                for (String piece : ReplyEncoder.chunks(reply.text(), 3)) {
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
            chunk(out, model, d -> { }, finishReason(reply.stopReason()));
            if (request.body().path("stream_options").path("include_usage").asBoolean(false)) {
                ObjectNode last = shell("chat.completion.chunk", model);
                last.putArray("choices");
                last.set("usage", usage(reply.tokens()));
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

    private static void data(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
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
    static String problem(JsonNode body) {
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

    private void sendError(HttpExchange exchange, int status, Reply.ApiError error, Map<String, String> headers)
            throws IOException {
        ObjectNode root = mapper.createObjectNode();
        root.putObject("error").put("message", error.message()).put("type", error.type()).putNull("code");
        byte[] body = mapper.writeValueAsBytes(root);
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private RecordedRequest record(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY);
        }
        JsonNode body;
        try {
            body = bytes.length == 0 ? MissingNode.getInstance() : mapper.readTree(bytes);
        } catch (IOException e) {
            body = MissingNode.getInstance();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                headers, body);
        synchronized (lock) {
            requests.add(request);
            lock.notifyAll();
        }
        return request;
    }
}
