package dev.pincer.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A fake Telegram Bot API on loopback, faithful enough for the telegrambots client: methods at
 * {@code /bot<token>/<method>} (matched case-insensitively, as the client writes some in lower case),
 * JSON bodies, {@code {"ok":..., "result"|"error_code","description","parameters"}} answers, long
 * polling with {@code offset} and {@code timeout}, and {@code sendMessage} that parses the HTML like
 * Telegram does (refusing unknown tags, unbalanced tags and bare {@code &}; counting the length after
 * parsing), files ({@link FakeBotFiles}: {@code getFile}, downloads, {@code sendPhoto}/{@code sendDocument}
 * uploads). Every call is recorded; faults (an error answer, the server down) are injected by tests.
 */
public final class FakeBotApi implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A call the fake got, and when. */
    public record Call(String token, String method, JsonNode body, java.time.Instant at) {}

    /** A bot the fake knows. */
    public record Bot(long id, String username, String firstName) {}

    private record Fault(String method, int code, String description, Integer retryAfter) {}

    private final Map<String, Bot> bots = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final Map<String, List<ObjectNode>> updates = new ConcurrentHashMap<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final Set<String> forbidden = ConcurrentHashMap.newKeySet();
    private final FakeBotFiles files = new FakeBotFiles();
    private final Object news = new Object();
    private volatile boolean refuseHtml;
    private int nextUpdate = 1;
    private int nextMessage = 1000;
    private HttpServer server;
    private int port;

    public FakeBotApi() throws IOException {
        start();
    }

    /** The base URL, for {@code TELEGRAM_API_URL}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Makes {@code token} a bot the fake accepts. */
    public FakeBotApi bot(String token, long id, String username) {
        bots.put(token, new Bot(id, username, username));
        return this;
    }

    public Bot bot(String token) {
        return bots.get(token);
    }

    /** Everything the fake got, in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls of one method (any case). */
    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equalsIgnoreCase(method)).toList();
    }

    /** Files people sent (to download) and files the bots uploaded. */
    public FakeBotFiles files() {
        return files;
    }

    /** The name {@code setMyName} gave the bot with {@code token}, or null. */
    public String name(String token) {
        return names.get(token);
    }

    /** The next {@code method} call is answered with this error (HTTP status = code); a held long poll returns at once. */
    public void failNext(String method, int code, String description, Integer retryAfter) {
        synchronized (news) {
            faults.add(new Fault(method.toLowerCase(Locale.ROOT), code, description, retryAfter));
            news.notifyAll();
        }
    }

    /** Makes every {@code sendMessage} with HTML fail as unparsable (as if Telegram's parser changed). */
    public void refuseHtml(boolean refuse) {
        this.refuseHtml = refuse;
    }

    /** The bot with {@code token} is not a member of {@code chatId}: it gets 403 there. */
    public void forbid(String token, long chatId) {
        forbidden.add(token + "/" + chatId);
    }

    /** An update for the bot with {@code token}: {@code message} as a new message (see {@link TgUpdates}). */
    public void deliver(String token, ObjectNode message) {
        synchronized (news) {
            ObjectNode u = JSON.createObjectNode().put("update_id", nextUpdate++);
            u.set(message.path("chat").path("type").asText().equals("channel") ? "channel_post" : "message", message);
            updates.computeIfAbsent(token, t -> new ArrayList<>()).add(u);
            news.notifyAll();
        }
    }

    /** Stops answering: connections are refused until {@link #up()}. */
    public void down() {
        synchronized (news) {
            HttpServer s = server;
            server = null;
            news.notifyAll();
            if (s != null) {
                s.stop(0);
            }
        }
    }

    /** Answers again, on the same port. */
    public void up() throws IOException {
        synchronized (news) {
            if (server == null) {
                start();
            }
        }
    }

    @Override
    public void close() {
        down();
    }

    private void start() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        s.createContext("/", this::handle);
        s.start();
        port = s.getAddress().getPort();
        server = s;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String[] path = ex.getRequestURI().getPath().split("/", 4);
            if (path.length == 4 && path[1].equals("file") && path[2].startsWith("bot")) {
                files.download(ex, path[2].substring(3), path[3]);
                return;
            }
            try {
                ok(ex, respond(ex));
            } catch (ApiError e) {
                fail(ex, e.code, e.getMessage(), e.retryAfter);
            }
        }
    }

    private JsonNode respond(HttpExchange ex) throws IOException, ApiError {
        String[] path = ex.getRequestURI().getPath().split("/");
        if (path.length != 3 || !path[1].startsWith("bot")) {
            throw new ApiError(404, "Not Found", null);
        }
        String token = path[1].substring(3);
        String method = path[2].toLowerCase(Locale.ROOT);
        byte[] raw = ex.getRequestBody().readAllBytes();
        String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
        JsonNode body = type.startsWith("multipart/form-data") ? files.upload(token, method, type, raw)
                : raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
        calls.add(new Call(token, method, body, java.time.Instant.now()));
        Bot bot = bots.get(token);
        if (bot == null) {
            throw new ApiError(401, "Unauthorized", null);
        }
        for (Fault f : faults) {
            if (f.method().equals(method) && faults.remove(f)) {
                throw new ApiError(f.code(), f.description(), f.retryAfter());
            }
        }
        return result(token, bot, method, body);
    }

    private JsonNode result(String token, Bot bot, String method, JsonNode body) throws ApiError {
        return switch (method) {
            case "getme" -> TgUpdates.user(bot.id(), bot.firstName(), bot.username()).put("is_bot", true);
            case "deletewebhook", "sendchataction" -> JSON.getNodeFactory().booleanNode(true);
            case "setmyname" -> {
                names.put(token, body.path("name").asText());
                yield JSON.getNodeFactory().booleanNode(true);
            }
            case "getupdates" -> poll(token, body.path("offset").asInt(0), body.path("timeout").asInt(0));
            case "sendmessage" -> sent(token, bot, body);
            case "sendphoto", "senddocument" -> sentFile(token, bot, method, body);
            case "getfile" -> {
                ObjectNode f = files.describe(body.path("file_id").asText());
                if (f == null) {
                    throw new ApiError(400, "Bad Request: invalid file_id", null);
                }
                yield f;
            }
            default -> throw new ApiError(404, "Not Found: method " + method, null);
        };
    }

    private ArrayNode poll(String token, int offset, int timeout) {
        long deadline = System.nanoTime() + Math.min(timeout, 60) * 1_000_000_000L;
        synchronized (news) {
            List<ObjectNode> all = updates.computeIfAbsent(token, t -> new ArrayList<>());
            all.removeIf(u -> u.get("update_id").asInt() < offset); // confirmed: Telegram forgets them
            while (all.isEmpty() && server != null && System.nanoTime() < deadline
                    && faults.stream().noneMatch(f -> f.method().equals("getupdates"))) {
                try {
                    news.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            ArrayNode out = JSON.createArrayNode();
            all.forEach(out::add);
            return out;
        }
    }

    private ObjectNode sent(String token, Bot bot, JsonNode body) throws ApiError {
        String chat = allowed(token, body);
        String text = visible(body.path("text").asText(), body);
        if (text.isEmpty() || text.length() > 4096) {
            throw new ApiError(400, text.isEmpty() ? "Bad Request: message text is empty" : "Bad Request: message is too long", null);
        }
        return message(bot, chat).put("text", text);
    }

    /** {@code sendPhoto}/{@code sendDocument} with a new file (recorded by {@link FakeBotFiles}). */
    private ObjectNode sentFile(String token, Bot bot, String method, JsonNode body) throws ApiError {
        String chat = allowed(token, body);
        String caption = visible(body.path("caption").asText(), body);
        if (caption.length() > 1024) {
            throw new ApiError(400, "Bad Request: message caption is too long", null);
        }
        ObjectNode m = message(bot, chat);
        if (!caption.isEmpty()) {
            m.put("caption", caption);
        }
        ObjectNode file = method.equals("sendphoto") ? m.putArray("photo").addObject().put("width", 1).put("height", 1)
                : m.putObject("document");
        file.put("file_id", "sent" + m.get("message_id")).put("file_unique_id", "usent" + m.get("message_id"));
        return m;
    }

    private String allowed(String token, JsonNode body) throws ApiError {
        String chat = body.path("chat_id").asText();
        if (forbidden.contains(token + "/" + chat)) {
            throw new ApiError(403, "Forbidden: bot is not a member of the group chat", null);
        }
        return chat;
    }

    /** The text a reader sees, parsing the HTML as Telegram does when {@code parse_mode} is HTML. */
    private String visible(String text, JsonNode body) throws ApiError {
        if (!body.path("parse_mode").asText().equalsIgnoreCase("html")) {
            return text;
        }
        if (refuseHtml) {
            throw new ApiError(400, "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 0", null);
        }
        try {
            return HtmlEntities.visibleText(text);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "Bad Request: can't parse entities: " + e.getMessage(), null);
        }
    }

    private ObjectNode message(Bot bot, String chat) {
        ObjectNode m = JSON.createObjectNode();
        synchronized (news) {
            m.put("message_id", nextMessage++);
        }
        m.set("from", TgUpdates.user(bot.id(), bot.firstName(), bot.username()).put("is_bot", true));
        m.set("chat", JSON.createObjectNode().put("id", Long.parseLong(chat)).put("type", chat.startsWith("-") ? "supergroup" : "private"));
        return m.put("date", System.currentTimeMillis() / 1000);
    }

    private static void ok(HttpExchange ex, JsonNode result) throws IOException {
        ObjectNode full = JSON.createObjectNode().put("ok", true);
        full.set("result", result);
        write(ex, 200, full);
    }

    private static void fail(HttpExchange ex, int code, String description, Integer retryAfter) throws IOException {
        ObjectNode e = JSON.createObjectNode().put("ok", false).put("error_code", code).put("description", description);
        if (retryAfter != null) {
            e.putObject("parameters").put("retry_after", retryAfter);
        }
        write(ex, code, e);
    }

    private static void write(HttpExchange ex, int status, JsonNode payload) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(payload);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A Bot API error answer. */
    private static final class ApiError extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;
        final Integer retryAfter;

        ApiError(int code, String description, Integer retryAfter) {
            super(description);
            this.code = code;
            this.retryAfter = retryAfter;
        }
    }
}
