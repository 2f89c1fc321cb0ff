package dev.pincer.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

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
 * Replies come from the FIFO queue first, then from the fallback responder (default: text "ok").
 * Conversations the real API would reject (a tool_use without its tool_result, empty text blocks,
 * ...) get a 400 {@code invalid_request_error}, unless {@link #validateRequests(boolean)} turns
 * that off. Paths other than {@code .../v1/messages} get a 404 but are recorded too.
 */
public final class FakeAnthropic implements AutoCloseable {
    private static final int MAX_BODY = 32 << 20;

    private final ObjectMapper mapper = new ObjectMapper();
    private final ReplyEncoder encoder = new ReplyEncoder(mapper);
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpServer server;
    private final Object lock = new Object();
    private final Deque<Reply> queue = new ArrayDeque<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private volatile Function<RecordedRequest, Reply> fallback = r -> Reply.text("ok");
    private volatile boolean validate = true;

    /** Starts the fake on 127.0.0.1 with an ephemeral port. */
    public FakeAnthropic() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the fake Anthropic server on 127.0.0.1", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Appends replies to the FIFO queue. */
    public FakeAnthropic enqueue(Reply... replies) {
        synchronized (lock) {
            for (Reply r : replies) {
                queue.add(Objects.requireNonNull(r, "reply"));
            }
        }
        return this;
    }

    /** Sets the responder used when the queue is empty. */
    public FakeAnthropic respondWith(Function<RecordedRequest, Reply> responder) {
        this.fallback = Objects.requireNonNull(responder, "responder");
        return this;
    }

    /** Turns the checks of conversation structure on (default) or off. */
    public FakeAnthropic validateRequests(boolean on) {
        this.validate = on;
        return this;
    }

    /** How many queued replies have not been used yet. */
    public int pendingReplies() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** A copy of all requests received so far, oldest first. */
    public List<RecordedRequest> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    /** The latest request; fails when there was none. */
    public RecordedRequest lastRequest() {
        synchronized (lock) {
            if (requests.isEmpty()) {
                throw new AssertionError("the fake Anthropic server has received no request");
            }
            return requests.getLast();
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
                            + " but the fake Anthropic server received " + requests.size());
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
            String path = request.path();
            if (!path.endsWith("/v1/messages") || !request.method().equals("POST")) {
                sendError(exchange, 404, new Reply.ApiError("not_found_error",
                        "no route for " + request.method() + " " + path, false), Map.of());
                return;
            }
            String problem = validate ? RequestValidator.problem(request.body()) : null;
            if (problem != null) {
                sendError(exchange, 400, new Reply.ApiError("invalid_request_error", problem, false), Map.of());
                return;
            }
            Reply reply = nextReply(request);
            if (reply.delayMillis() > 0) {
                Thread.sleep(reply.delayMillis());
            }
            respond(exchange, request, reply);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away mid-response: nothing to do
        }
    }

    private Reply nextReply(RecordedRequest request) {
        synchronized (lock) {
            Reply queued = queue.poll();
            if (queued != null) {
                return queued;
            }
        }
        try {
            return Objects.requireNonNull(fallback.apply(request), "the responder returned null");
        } catch (RuntimeException e) {
            return Reply.error(500, "api_error", "fake responder failed: " + e);
        }
    }

    private void respond(HttpExchange exchange, RecordedRequest request, Reply reply) throws IOException {
        Reply.ApiError error = reply.error();
        if (error != null && (!error.streamed() || !request.stream())) {
            int status = error.streamed() ? (error.type().equals("overloaded_error") ? 529 : 500) : reply.status();
            sendError(exchange, status, error, reply.headers());
            return;
        }
        ReplyEncoder.Turn turn = ReplyEncoder.Turn.of(reply);
        addHeaders(exchange, reply.headers());
        if (request.stream()) {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                encoder.stream(turn, request.model(), out);
            }
        } else {
            byte[] body = encoder.message(turn, request.model());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private void sendError(HttpExchange exchange, int status, Reply.ApiError error, Map<String, String> headers)
            throws IOException {
        byte[] body = encoder.errorBody(error);
        addHeaders(exchange, headers);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void addHeaders(HttpExchange exchange, Map<String, String> headers) {
        exchange.getResponseHeaders().set("request-id", "req_" + ReplyEncoder.randomId(24));
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
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
        RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(), headers, body);
        synchronized (lock) {
            requests.add(request);
            lock.notifyAll();
        }
        return request;
    }
}
