package dev.pincer.channel.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A fake Slack on loopback for the SDK to talk to: the Web API ({@code auth.test},
 * {@code apps.connections.open}, {@code chat.postMessage}, {@code users.info},
 * {@code conversations.info}, and the files methods of {@link FakeSlackFiles}) on a JDK HTTP server,
 * checking the tokens, and a Socket Mode
 * WebSocket server (Java-WebSocket) that says {@code hello}, pushes {@code events_api} envelopes and
 * records the acknowledgements. It can fail a method (HTTP 429 with {@code Retry-After}, 500) or go
 * down altogether and come back. Every call is recorded.
 */
public final class FakeSlack implements AutoCloseable {

    public static final String BOT_TOKEN = "xoxb-fake-bot-token";
    public static final String APP_TOKEN = "xapp-fake-app-token";
    public static final String BOT_USER = "UBOT";
    public static final String BOT_ID = "BBOT";
    public static final String TEAM = "Acme";
    public static final String BOT_NAME = "pincer";

    /**
     * A Web API call as the fake received it.
     *
     * @param status the HTTP status it answered
     * @param ok     whether it answered {@code ok: true}
     */
    public record Call(String method, Map<String, String> params, String token, int status, boolean ok) {}

    private record Failure(int status, String retryAfter) {}

    public final List<Call> calls = new CopyOnWriteArrayList<>();
    public final List<String> acks = new CopyOnWriteArrayList<>();
    private final Map<String, String> users = new ConcurrentHashMap<>();
    private final Map<String, String> channels = new ConcurrentHashMap<>();
    private final Map<String, Deque<Failure>> failures = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong(1_700_000_000_000_000L);
    private final HttpServer http;
    private final Sockets sockets;
    private final FakeSlackFiles files = new FakeSlackFiles(this::origin,
            c -> channels.containsKey(c) || c.startsWith("D"));
    private volatile boolean down;
    private volatile String scopes = "chat:write,channels:history,groups:history,im:history,mpim:history,app_mentions:read,users:read,channels:read,groups:read";

    public FakeSlack() throws IOException, InterruptedException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/api/", this::handle);
        http.createContext("/files-pri/", ex -> {
            try (ex) {
                files.download(ex);
            }
        });
        http.createContext("/upload/", ex -> {
            try (ex) {
                files.upload(ex);
            }
        });
        http.start();
        sockets = new Sockets();
        sockets.start();
        if (!sockets.started.await(10, TimeUnit.SECONDS)) {
            throw new IOException("the fake Socket Mode server did not start");
        }
    }

    /** The Web API's URL, for {@code SLACK_API_URL}. */
    public String apiUrl() {
        return origin() + "/api/";
    }

    private String origin() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** Files people share and files the bot uploads. */
    public FakeSlackFiles files() {
        return files;
    }

    public FakeSlack user(String id, String displayName) {
        users.put(id, displayName);
        return this;
    }

    public FakeSlack channel(String id, String name) {
        channels.put(id, name);
        return this;
    }

    /** The scopes the bot token has ({@code X-OAuth-Scopes} of {@code auth.test}). */
    public FakeSlack scopes(String commaSeparated) {
        scopes = commaSeparated;
        return this;
    }

    /** The next {@code times} calls of {@code method} answer HTTP {@code status} (with {@code Retry-After} when not null). */
    public void fail(String method, int status, String retryAfter, int times) {
        Deque<Failure> q = failures.computeIfAbsent(method, m -> new ArrayDeque<>());
        synchronized (q) {
            for (int i = 0; i < times; i++) {
                q.add(new Failure(status, retryAfter));
            }
        }
    }

    /** Slack is down: every Web API call answers 503 and every Socket Mode connection is dropped. */
    public void down() {
        down = true;
        for (WebSocket c : sockets.getConnections()) {
            c.close(1011, "fake Slack is down");
        }
    }

    public void up() {
        down = false;
    }

    /** Open Socket Mode connections. */
    public int connections() {
        return sockets.getConnections().size();
    }

    /** Sends an {@code events_api} envelope with {@code event} on every open connection; returns its envelope id. */
    public String event(JsonNode event) {
        String envelope = UUID.randomUUID().toString();
        ObjectNode payload = Json.MAPPER.createObjectNode().put("token", "verification").put("team_id", "T1").put("api_app_id", "A1")
                .put("type", "event_callback").put("event_id", "Ev" + envelope.substring(0, 8)).put("event_time", 1_700_000_000);
        payload.set("event", event);
        ObjectNode m = Json.MAPPER.createObjectNode().put("envelope_id", envelope).put("type", "events_api")
                .put("accepts_response_payload", false).put("retry_attempt", 0).put("retry_reason", "");
        m.set("payload", payload);
        broadcast(m.toString());
        return envelope;
    }

    /** Slack's periodic "please reconnect" ({@code disconnect}, reason {@code refresh_requested}). */
    public void requestRefresh() {
        broadcast("{\"type\":\"disconnect\",\"reason\":\"refresh_requested\",\"debug_info\":{\"host\":\"fake\"}}");
    }

    private void broadcast(String text) {
        for (WebSocket c : sockets.getConnections()) {
            c.send(text);
        }
    }

    /** A new message timestamp, as Slack writes them ("seconds.micros"). */
    public String nextTs() {
        long micros = clock.addAndGet(100);
        return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    /** A {@code message} event; add {@code thread_ts}, {@code files}, {@code blocks} as needed. */
    public ObjectNode message(String channel, String channelType, String user, String text) {
        return Json.MAPPER.createObjectNode().put("type", "message").put("channel", channel).put("channel_type", channelType)
                .put("user", user).put("text", text).put("ts", nextTs()).put("event_ts", nextTs()).put("team", "T1");
    }

    /** The messages posted so far ({@code chat.postMessage} calls that succeeded). */
    public List<Call> posts() {
        return calls.stream().filter(c -> c.method().equals("chat.postMessage") && c.ok()).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestURI().getPath().substring("/api/".length());
            Map<String, String> params = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : params.get("token");
            Failure f = down ? new Failure(503, null) : nextFailure(method);
            if (f != null) {
                calls.add(new Call(method, params, token, f.status(), false));
                if (f.retryAfter() != null) {
                    ex.getResponseHeaders().add("Retry-After", f.retryAfter());
                }
                reply(ex, f.status(), "{\"ok\":false,\"error\":\"fake_failure\"}");
                return;
            }
            boolean appMethod = method.equals("apps.connections.open");
            JsonNode answer = (appMethod ? APP_TOKEN : BOT_TOKEN).equals(token) ? answer(method, params)
                    : Json.MAPPER.createObjectNode().put("ok", false).put("error", token == null ? "not_authed" : "invalid_auth");
            calls.add(new Call(method, params, token, 200, answer.path("ok").asBoolean()));
            if (method.equals("auth.test")) {
                ex.getResponseHeaders().add("X-OAuth-Scopes", scopes);
            }
            reply(ex, 200, answer.toString());
        }
    }

    /** The calls of {@code method} so far, answered or failed. */
    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    private Failure nextFailure(String method) {
        Deque<Failure> q = failures.get(method);
        if (q == null) {
            return null;
        }
        synchronized (q) {
            return q.poll();
        }
    }

    private JsonNode answer(String method, Map<String, String> p) {
        ObjectNode ok = Json.MAPPER.createObjectNode().put("ok", true);
        switch (method) {
            case "auth.test" -> ok.put("url", "https://acme.slack.com/").put("team", TEAM).put("user", BOT_NAME)
                    .put("team_id", "T1").put("user_id", BOT_USER).put("bot_id", BOT_ID);
            case "apps.connections.open" -> ok.put("url", "ws://127.0.0.1:" + sockets.getPort() + "/link/?ticket=" + UUID.randomUUID());
            case "chat.postMessage" -> {
                String channel = p.getOrDefault("channel", "");
                if (!channels.containsKey(channel) && !channel.startsWith("D")) {
                    return Json.MAPPER.createObjectNode().put("ok", false).put("error", "channel_not_found");
                }
                ok.put("channel", channel).put("ts", nextTs());
            }
            case "users.info" -> {
                String name = users.get(p.getOrDefault("user", ""));
                if (name == null) {
                    return Json.MAPPER.createObjectNode().put("ok", false).put("error", "user_not_found");
                }
                ObjectNode u = ok.putObject("user").put("id", p.get("user")).put("name", name.toLowerCase()).put("real_name", name);
                u.putObject("profile").put("display_name", name).put("real_name", name);
            }
            case "conversations.info" -> {
                String id = p.getOrDefault("channel", "");
                String name = channels.get(id);
                if (name == null && !id.startsWith("D")) {
                    return Json.MAPPER.createObjectNode().put("ok", false).put("error", "channel_not_found");
                }
                ObjectNode c = ok.putObject("channel").put("id", id).put("is_im", id.startsWith("D"));
                if (name != null) {
                    c.put("name", name).put("is_channel", true);
                }
            }
            default -> {
                JsonNode file = files.answer(method, p);
                return file != null ? file : Json.MAPPER.createObjectNode().put("ok", false).put("error", "unknown_method");
            }
        }
        return ok;
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                out.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        http.stop(0);
        sockets.stop(1000);
    }

    /** The Socket Mode side: hello on connect, acknowledgements recorded. */
    private final class Sockets extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);

        Sockets() {
            super(new InetSocketAddress("127.0.0.1", 0));
            setReuseAddr(true);
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            if (down) {
                conn.close(1011, "fake Slack is down");
                return;
            }
            conn.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"fake\"},\"connection_info\":{\"app_id\":\"A1\"}}");
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            try {
                JsonNode m = Json.MAPPER.readTree(message);
                if (m.has("envelope_id")) {
                    acks.add(m.get("envelope_id").asText());
                }
            } catch (IOException e) {
                throw new IllegalStateException("the client sent something that is not JSON: " + message, e);
            }
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }
    }
}
