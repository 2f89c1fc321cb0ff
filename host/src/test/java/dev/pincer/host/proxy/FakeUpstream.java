package dev.pincer.host.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A tiny stand-in for the LLM API on 127.0.0.1 that records what it received. It answers a body
 * with {@code "stream":true} with two SSE events (the second held back until {@link #releaseStream}),
 * anything else with a small JSON echo of the request URI and the status in {@link #status}.
 */
final class FakeUpstream implements AutoCloseable {
    /** What one request looked like on arrival. */
    record Seen(String method, String uri, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue())).findFirst().orElse(null);
        }
    }

    final HttpServer server;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final CountDownLatch releaseStream = new CountDownLatch(1);
    volatile int status = 200;

    FakeUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().toString(), Map.copyOf(ex.getRequestHeaders()), body));
        if (body.contains("\"stream\":true")) {
            stream(ex);
            return;
        }
        byte[] out = ("{\"type\":\"message\",\"echo\":\"" + ex.getRequestURI() + "\"}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.getResponseHeaders().add("request-id", "req_fake_1");
        ex.sendResponseHeaders(status, out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    /** SSE: the first event, then nothing until {@link #releaseStream} is counted down. */
    private void stream(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream os = ex.getResponseBody()) {
            os.write("event: message_start\ndata: {\"n\":1}\n\n".getBytes(StandardCharsets.UTF_8));
            os.flush();
            if (!releaseStream.await(20, TimeUnit.SECONDS)) {
                return;
            }
            os.write("event: message_stop\ndata: {\"n\":2}\n\n".getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        releaseStream.countDown();
        server.stop(0);
    }
}
