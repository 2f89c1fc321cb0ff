package dev.pincer.host.chatapps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pincer.host.channel.Channel;
import dev.pincer.host.channel.Webhook;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second listener, for platforms that call Pincer ({@code PINCER_WEBHOOK_ADDR}, default
 * {@code 127.0.0.1:7879}): each channel's {@link Webhook} at its path, nothing else (404). A body
 * over {@link Webhook#MAX_BODY} is refused with 413 before the channel sees it. It is meant to sit
 * behind the user's HTTPS reverse proxy or tunnel; it never serves the web chat or its API.
 */
public final class WebhookServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private WebhookServer(HttpServer server) {
        this.server = server;
    }

    /** Starts the listener when some channel has a webhook; empty otherwise. */
    public static Optional<WebhookServer> start(List<Channel> channels, String address) throws IOException {
        Map<String, Webhook> hooks = new LinkedHashMap<>();
        channels.forEach(c -> c.webhook().ifPresent(w -> hooks.put(w.path(), w)));
        if (hooks.isEmpty()) {
            return Optional.empty();
        }
        InetSocketAddress bind = parse(address);
        HttpServer http;
        try {
            http = HttpServer.create(bind, 64);
        } catch (IOException e) {
            throw new IOException("cannot listen for webhooks on " + address + " (" + e.getMessage()
                    + "); set PINCER_WEBHOOK_ADDR to a free host:port", e);
        }
        WebhookServer s = new WebhookServer(http);
        http.setExecutor(s.executor);
        http.createContext("/", exchange -> s.serve(exchange, hooks));
        http.start();
        log.info("webhooks for {} on http://{}:{}", hooks.keySet(), bind.getHostString(), http.getAddress().getPort());
        return Optional.of(s);
    }

    /** {@code host:port}; a bare port means 127.0.0.1. */
    static InetSocketAddress parse(String address) {
        String a = address.strip();
        int colon = a.lastIndexOf(':');
        try {
            return colon < 0 ? new InetSocketAddress("127.0.0.1", Integer.parseInt(a))
                    : new InetSocketAddress(a.substring(0, colon).replace("[", "").replace("]", ""), Integer.parseInt(a.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PINCER_WEBHOOK_ADDR=" + address + " is not host:port (e.g. 127.0.0.1:7879)");
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange, Map<String, Webhook> hooks) throws IOException {
        try (exchange) {
            Webhook hook = hooks.get(exchange.getRequestURI().getPath());
            if (hook == null) {
                reply(exchange, Webhook.Response.text(404, "no webhook here"));
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(Webhook.MAX_BODY + 1);
            }
            if (body.length > Webhook.MAX_BODY) {
                reply(exchange, Webhook.Response.text(413, "the body is larger than " + Webhook.MAX_BODY + " bytes"));
                return;
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            Webhook.Response response;
            try {
                response = hook.handle(new Webhook.Request(exchange.getRequestMethod(), query(exchange), headers, body));
            } catch (RuntimeException e) {
                log.error("webhook {} failed", hook.path(), e);
                response = Webhook.Response.text(500, "internal error");
            }
            reply(exchange, response);
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                q.putIfAbsent(k, v);
            }
        }
        return q;
    }

    private static void reply(HttpExchange exchange, Webhook.Response r) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", r.contentType());
        exchange.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(r.body());
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
