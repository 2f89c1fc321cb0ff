package dev.pincer.channel.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake Discord REST API (JDK {@code HttpServer} on loopback) under {@code /api/v10/}: who the bot
 * is, creating messages, typing, opening a direct-message channel. It records every request, and can
 * answer the next ones with 429 (and a {@code Retry-After}) or another error, or be {@link #down()}.
 */
final class FakeRest implements AutoCloseable {

    /** One request as it arrived. */
    record Call(String method, String path, String authorization, JsonNode body) {}

    /** How the next requests are answered instead of normally. */
    private record Failure(int status, int retryAfterSeconds) {}

    private static final Pattern MESSAGES = Pattern.compile("/api/v10/channels/(\\d+)/messages");
    private static final Pattern TYPING = Pattern.compile("/api/v10/channels/(\\d+)/typing");

    private final Map<String, Object> bot;
    private final Function<Map<String, Object>, Map<String, Object>> created;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger failing = new AtomicInteger();
    private volatile Failure failure;
    private volatile int port;
    private volatile HttpServer server;

    /**
     * @param created called with each created message, returns it as Discord answers it
     */
    FakeRest(Map<String, Object> bot, Function<Map<String, Object>, Map<String, Object>> created) throws IOException {
        this.bot = bot;
        this.created = created;
        up();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/api/v10/";
    }

    List<Call> calls() {
        return calls;
    }

    /** The next {@code count} requests get HTTP 429 with {@code Retry-After: seconds}. */
    void rateLimit(int count, int seconds) {
        failure = new Failure(429, seconds);
        failing.set(count);
    }

    /** The next {@code count} requests get {@code status} (e.g. 500). */
    void fail(int count, int status) {
        failure = new Failure(status, 0);
        failing.set(count);
    }

    synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    synchronized void up() throws IOException {
        if (server != null) {
            return;
        }
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        s.createContext("/", this::handle);
        s.start();
        port = s.getAddress().getPort();
        server = s;
    }

    @Override
    public void close() {
        down();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = x.getRequestURI().getPath();
            calls.add(new Call(x.getRequestMethod(), path, x.getRequestHeaders().getFirst("Authorization"),
                    body.isEmpty() ? null : DiscordJson.JSON.readTree(body)));
            Failure f = failure;
            if (f != null && failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                if (f.status() == 429) {
                    x.getResponseHeaders().add("Retry-After", Integer.toString(f.retryAfterSeconds()));
                    x.getResponseHeaders().add("X-RateLimit-Scope", "user");
                    x.getResponseHeaders().add("via", "1.1 google");
                    answer(x, 429, Map.of("message", "You are being rate limited.", "retry_after", f.retryAfterSeconds(),
                            "global", false));
                } else {
                    answer(x, f.status(), Map.of("message", "Internal Server Error", "code", 0));
                }
                return;
            }
            if (!("Bot " + FakeDiscord.TOKEN).equals(x.getRequestHeaders().getFirst("Authorization"))) {
                answer(x, 401, Map.of("message", "401: Unauthorized", "code", 0));
                return;
            }
            Matcher m;
            if (x.getRequestMethod().equals("GET") && path.equals("/api/v10/users/@me")) {
                answer(x, 200, bot);
            } else if (x.getRequestMethod().equals("POST") && (m = MESSAGES.matcher(path)).matches()) {
                JsonNode in = calls.getLast().body();
                Map<String, Object> msg = DiscordJson.message(DiscordJson.snowflake(), m.group(1), null, bot,
                        in.path("content").asText(), List.of());
                answer(x, 200, created.apply(msg));
            } else if (x.getRequestMethod().equals("POST") && TYPING.matcher(path).matches()) {
                x.sendResponseHeaders(204, -1);
            } else if (x.getRequestMethod().equals("POST") && path.equals("/api/v10/users/@me/channels")) {
                String user = calls.getLast().body().path("recipient_id").asText();
                answer(x, 200, Map.of("id", FakeDiscord.dmChannelOf(user), "type", 1,
                        "recipients", List.of(DiscordJson.user(user, "user" + user, false))));
            } else {
                answer(x, 404, Map.of("message", "404: Not Found", "code", 0));
            }
        }
    }

    private static void answer(HttpExchange x, int status, Object json) throws IOException {
        byte[] bytes = DiscordJson.write(json).getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }
}
