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
import java.nio.charset.StandardCharsets;
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
 * What every fake model API shares: an HTTP server on 127.0.0.1 with an ephemeral port that records
 * every request, answers {@code POST} on its one route with scripted {@link Reply replies} (from the
 * FIFO queue first, then from the fallback responder, default: text "ok"), refuses conversations the
 * real API would reject with a 400 {@code invalid_request_error} (unless
 * {@link #validateRequests(boolean)} turns that off) and any other path with a 404. A scripted error
 * is sent as a status, except a streamed one in a streamed request, which the API encodes itself. A
 * reply that stalls ({@link Reply#stall()}) holds its connection until the fake closes.
 * The subclasses speak the wire formats.
 *
 * @param <F> the fake itself, returned by the setters so calls chain
 */
public abstract sealed class FakeModelServer<F extends FakeModelServer<F>> implements AutoCloseable
        permits FakeAnthropic, FakeOpenAI {
    private static final int MAX_BODY = 32 << 20;

    final ObjectMapper mapper = new ObjectMapper();
    private final Api api;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpServer server;
    private final Object lock = new Object();
    private final Deque<Reply> queue = new ArrayDeque<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private volatile Function<RecordedRequest, Reply> fallback = r -> Reply.text("ok");
    private volatile boolean validate = true;

    /**
     * The API a fake stands in for.
     *
     * @param name         the API's name in messages, e.g. {@code "Anthropic"}
     * @param basePath     what {@link #baseUrl()} adds to the origin, e.g. {@code "/v1"}, or empty
     * @param route        the path ending the API answers, e.g. {@code "/v1/messages"}
     * @param notFoundType the error type of a request to an unknown path, e.g. {@code not_found_error}
     */
    record Api(String name, String basePath, String route, String notFoundType) {}

    /** Starts the fake on 127.0.0.1 with an ephemeral port. */
    FakeModelServer(Api api) {
        this.api = api;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the fake " + api.name() + " server on 127.0.0.1", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL a client of this API is configured with: {@code http://127.0.0.1:PORT} plus the API's base path. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + api.basePath();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Appends replies to the FIFO queue. */
    public F enqueue(Reply... replies) {
        synchronized (lock) {
            for (Reply r : replies) {
                queue.add(Objects.requireNonNull(r, "reply"));
            }
        }
        return self();
    }

    /** Sets the responder used when the queue is empty. */
    public F respondWith(Function<RecordedRequest, Reply> responder) {
        this.fallback = Objects.requireNonNull(responder, "responder");
        return self();
    }

    /** Turns the checks of conversation structure on (default) or off. */
    public F validateRequests(boolean on) {
        this.validate = on;
        return self();
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
                throw new AssertionError("the fake " + api.name() + " server has received no request");
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
                            + " but the fake " + api.name() + " server received " + requests.size());
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

    @SuppressWarnings("unchecked")
    final F self() {
        return (F) this;
    }

    /** What the real API would reject in this request body, or null. */
    abstract String problem(JsonNode body);

    /** The API's error body for {@code error}. */
    abstract byte[] errorBody(Reply.ApiError error) throws IOException;

    /**
     * Sends {@code reply}, the reply headers already set: a successful turn, or a streamed error
     * in a streamed request.
     */
    abstract void answer(HttpExchange exchange, RecordedRequest request, Reply reply) throws IOException;

    /** Sets {@code headers} on the response; a subclass adds the headers the API sends with every response. */
    void setHeaders(HttpExchange exchange, Map<String, String> headers) {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    }

    /** Sends a complete JSON response. */
    static void sendJson(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /**
     * Starts a 200 server-sent event stream; the caller writes the events (flushing each) and closes
     * it. For a reply that stalls, writing blocks after its events until the fake closes.
     */
    static OutputStream startEvents(HttpExchange exchange, Reply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        return reply.delivery().stalls() ? new StallingStream(body, reply.delivery().stallAfterEvents()) : body;
    }

    /** Writes one SSE {@code data:} event and flushes it, so events really arrive apart. */
    static void data(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            RecordedRequest request = record(exchange);
            if (!request.path().endsWith(api.route()) || !request.method().equals("POST")) {
                sendError(exchange, 404, new Reply.ApiError(api.notFoundType(),
                        "no route for " + request.method() + " " + request.path(), false), Map.of());
                return;
            }
            String problem = validate ? problem(request.body()) : null;
            if (problem != null) {
                sendError(exchange, 400, new Reply.ApiError("invalid_request_error", problem, false), Map.of());
                return;
            }
            Reply reply = nextReply(request);
            Reply.Delivery delivery = reply.delivery();
            if (delivery.delayMillis() > 0) {
                Thread.sleep(delivery.delayMillis());
            }
            if (delivery.stalls() && !request.stream()) {
                Thread.sleep(Long.MAX_VALUE); // no response: ends when the fake closes
            }
            Reply.ApiError error = reply.error();
            if (error != null && (!error.streamed() || !request.stream())) {
                int status = error.streamed() ? (error.type().equals("overloaded_error") ? 529 : 500) : delivery.status();
                sendError(exchange, status, error, delivery.headers());
                return;
            }
            setHeaders(exchange, delivery.headers());
            answer(exchange, request, reply);
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

    private void sendError(HttpExchange exchange, int status, Reply.ApiError error, Map<String, String> headers)
            throws IOException {
        setHeaders(exchange, headers);
        sendJson(exchange, status, errorBody(error));
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
