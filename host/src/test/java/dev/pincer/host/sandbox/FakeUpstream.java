package dev.pincer.host.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server standing in for the LLM API behind the egress proxy: every request gets
 * one message saying {@code hello from upstream}, and the {@code x-api-key} header it carried is recorded.
 */
public final class FakeUpstream implements AutoCloseable {
    /** The {@code x-api-key} header of each request, as its list of values, e.g. {@code [sk-ant-…]}. */
    public final List<String> keys = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    public FakeUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            keys.add(String.valueOf(ex.getRequestHeaders().get("x-api-key")));
            byte[] out = "{\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"hello from upstream\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
