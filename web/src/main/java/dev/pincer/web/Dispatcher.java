package dev.pincer.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler of the server: guards (origin, then token for {@code /api}), finds the route,
 * runs it, and writes its {@link Reply} or the {@link HttpError} as {@code {"error":"reason"}}.
 */
final class Dispatcher implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    /** How much of an unread request body is read and dropped so the client sees our answer. */
    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;
    private static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";

    record ErrorBody(String error) {}

    private final Guard guard;
    private final List<Route> routes;

    Dispatcher(Guard guard, List<Route> routes) {
        this.guard = guard;
        this.routes = List.copyOf(routes);
    }

    @Override
    public void handle(HttpExchange ex) {
        try {
            Reply reply = replyFor(ex);
            if (!(reply instanceof Reply.Streamed)) {
                drain(ex);
                send(ex, reply);
            }
        } catch (IOException e) {
            log.debug("{} {}: client went away: {}", ex.getRequestMethod(), ex.getRequestURI().getRawPath(), e.toString());
        } finally {
            ex.close();
        }
    }

    private Reply replyFor(HttpExchange ex) throws IOException {
        Headers h = ex.getResponseHeaders();
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Cache-Control", "no-store");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Content-Security-Policy", API_CSP);
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        try {
            guard.checkOrigin(ex.getRequestHeaders());
            if (path.equals("/api") || path.startsWith("/api/")) {
                guard.checkAccess(ex.getRequestHeaders(), method);
            }
            List<String> segments = List.of(path.split("/", -1));
            List<Route> onPath = routes.stream().filter(r -> r.match(segments).isPresent()).toList();
            if (onPath.isEmpty()) {
                throw HttpError.notFound("no such endpoint: " + HttpError.shown(path));
            }
            Optional<Route> route = onPath.stream().filter(r -> r.method().equals(method)).findFirst();
            if (route.isEmpty()) {
                String allow = onPath.stream().map(Route::method).distinct().collect(Collectors.joining(", "));
                throw new HttpError(405, "method " + HttpError.shown(method) + " is not allowed here; use " + allow,
                        Map.of("Allow", allow));
            }
            Request request = new Request(ex, route.get().match(segments).orElseThrow(),
                    Request.parseQuery(ex.getRequestURI().getRawQuery()));
            return route.get().handler().handle(request);
        } catch (HttpError e) {
            e.headers.forEach(h::set);
            return Reply.json(e.status, new ErrorBody(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.json(503, new ErrorBody("the server is shutting down"));
        } catch (RuntimeException e) {
            log.error("{} {} failed", method, path, e);
            return Reply.json(500, new ErrorBody("internal error (" + e.getMessage() + "); see the Pincer log"));
        }
    }

    private static void send(HttpExchange ex, Reply reply) throws IOException {
        Headers h = ex.getResponseHeaders();
        switch (reply) {
            case Reply.Json j -> {
                h.set("Content-Type", "application/json; charset=utf-8");
                write(ex, j.status(), Json.bytes(j.body()));
            }
            case Reply.Html page -> {
                h.set("Content-Type", "text/html; charset=utf-8");
                h.set("Content-Security-Policy", page.contentSecurityPolicy());
                h.set("X-Frame-Options", "DENY");
                write(ex, 200, page.body());
            }
            case Reply.Asset a -> {
                h.set("Content-Type", a.contentType());
                write(ex, 200, a.body());
            }
            case Reply.NoContent n -> ex.sendResponseHeaders(204, -1);
            case Reply.Streamed s -> { }
        }
    }

    /** Sends status and body; a {@code HEAD} request gets the headers only. */
    private static void write(HttpExchange ex, int status, byte[] body) throws IOException {
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Reads and drops what is left of the request body (up to a limit), so a client still
     * sending a refused body gets our answer instead of a reset connection.
     */
    private static void drain(HttpExchange ex) throws IOException {
        InputStream in = ex.getRequestBody();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while (total < DRAIN_LIMIT && (n = in.read(buffer)) != -1) {
            total += n;
        }
    }
}
