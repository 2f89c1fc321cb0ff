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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake Discord REST API (JDK {@code HttpServer} on loopback) under {@code /api/v10/}: who the bot
 * is, creating messages (with files: {@link FakeDiscordFiles}), typing, opening a direct-message
 * channel; and the CDN's attachment downloads. It records every request, and can
 * answer the next messages (in the order asked) with 429 (and a {@code Retry-After}) or another error, or be {@link #down()}.
 */
final class FakeRest implements AutoCloseable {

    /** One request as it arrived, and the status it was answered with. */
    record Call(String method, String path, String authorization, JsonNode body, int status) {}

    /** How the next requests are answered instead of normally. */
    private record Failure(int status, int retryAfterSeconds) {}

    private static final Pattern MESSAGES = Pattern.compile("/api/v10/channels/(\\d+)/messages");
    private static final Pattern TYPING = Pattern.compile("/api/v10/channels/(\\d+)/typing");

    private final Map<String, Object> bot;
    private final Function<Map<String, Object>, Map<String, Object>> created;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final FakeDiscordFiles files = new FakeDiscordFiles();
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

    FakeDiscordFiles files() {
        return files;
    }

    /** The address the fake's CDN serves {@code bytes} at, as an attachment of {@code channelId}. */
    String attachment(String channelId, String id, String fileName, byte[] bytes) {
        String path = "/attachments/" + channelId + "/" + id + "/" + fileName;
        files.add(path, bytes);
        return "http://127.0.0.1:" + port + path + "?ex=6800a1b2&is=67ff5032&hm=abc123";
    }

    /** The next {@code count} messages the bot sends get HTTP 429 with {@code Retry-After: seconds}. */
    void rateLimit(int count, int seconds) {
        for (int i = 0; i < count; i++) {
            failures.add(new Failure(429, seconds));
        }
    }

    /** The next {@code count} messages the bot sends get {@code status} (e.g. 500). */
    void fail(int count, int status) {
        for (int i = 0; i < count; i++) {
            failures.add(new Failure(status, 0));
        }
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
            String path = x.getRequestURI().getPath();
            if (path.startsWith("/attachments/")) {
                files.download(x);
                return;
            }
            byte[] raw = x.getRequestBody().readAllBytes();
            String type = String.valueOf(x.getRequestHeaders().getFirst("Content-Type"));
            Matcher messages = MESSAGES.matcher(path);
            JsonNode body = type.startsWith("multipart/form-data") && messages.matches()
                    ? files.upload(messages.group(1), type, raw)
                    : raw.length == 0 ? null : DiscordJson.JSON.readTree(new String(raw, StandardCharsets.UTF_8));
            String auth = x.getRequestHeaders().getFirst("Authorization");
            Answer a = answer(x, x.getRequestMethod(), path, auth, body);
            calls.add(new Call(x.getRequestMethod(), path, auth, body, a.status()));
            if (a.json() == null) {
                x.sendResponseHeaders(a.status(), -1);
                return;
            }
            byte[] bytes = DiscordJson.write(a.json()).getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(a.status(), bytes.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private record Answer(int status, Object json) {}

    private Answer answer(HttpExchange x, String method, String path, String auth, JsonNode body) {
        boolean creating = method.equals("POST") && MESSAGES.matcher(path).matches();
        Failure f = creating ? failures.poll() : null;
        if (f != null) {
            if (f.status() == 429) {
                x.getResponseHeaders().add("Retry-After", Integer.toString(f.retryAfterSeconds()));
                x.getResponseHeaders().add("X-RateLimit-Scope", "user");
                x.getResponseHeaders().add("via", "1.1 google");
                return new Answer(429, Map.of("message", "You are being rate limited.", "retry_after",
                        f.retryAfterSeconds(), "global", false));
            }
            return new Answer(f.status(), Map.of("message", "Internal Server Error", "code", 0));
        }
        if (!("Bot " + FakeDiscord.TOKEN).equals(auth)) {
            return new Answer(401, Map.of("message", "401: Unauthorized", "code", 0));
        }
        Matcher m;
        if (method.equals("GET") && path.equals("/api/v10/users/@me")) {
            return new Answer(200, bot);
        } else if (method.equals("POST") && (m = MESSAGES.matcher(path)).matches()) {
            return new Answer(200, created.apply(DiscordJson.message(DiscordJson.snowflake(), m.group(1), null, bot,
                    body.path("content").asText(), List.of())));
        } else if (method.equals("POST") && TYPING.matcher(path).matches()) {
            return new Answer(204, null);
        } else if (method.equals("POST") && path.equals("/api/v10/users/@me/channels")) {
            String user = body.path("recipient_id").asText();
            return new Answer(200, Map.of("id", FakeDiscord.dmChannelOf(user), "type", 1,
                    "recipients", List.of(DiscordJson.user(user, "user" + user, false))));
        }
        return new Answer(404, Map.of("message", "404: Not Found", "code", 0));
    }
}
