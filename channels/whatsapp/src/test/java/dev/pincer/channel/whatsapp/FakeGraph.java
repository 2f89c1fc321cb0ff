package dev.pincer.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake WhatsApp Cloud API (the Graph API's part of it the channel uses) on a real loopback HTTP
 * server: the phone number, sending messages and read receipts, media upload, media URLs and their
 * download. It checks the bearer token like the real one (190 otherwise), records every call, and
 * can be told to fail the next sends with any answer or to be down (503) until told otherwise.
 */
public final class FakeGraph implements AutoCloseable {

    public static final String PHONE_ID = "106540352242922";
    public static final String DISPLAY_NUMBER = "+1 555-0100";
    public static final String TOKEN = "EAAG-test-token";
    public static final String APP_SECRET = "app-secret-for-tests";
    public static final String VERIFY_TOKEN = "verify-me";

    /** One request as it arrived. */
    public record Call(String method, String path, String query, String authorization, String contentType, byte[] body) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String text() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    /** A canned answer. */
    public record Answer(int status, String body, String retryAfter) {}

    public final List<Call> calls = new CopyOnWriteArrayList<>();
    /** The messages it took (answered with a wamid), in order. */
    private final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final Deque<Answer> sendFailures = new ArrayDeque<>();
    private final Map<String, byte[]> media = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile boolean down;

    public FakeGraph() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::serve);
        server.start();
    }

    /** The Graph API base to put in {@code WHATSAPP_GRAPH_URL}. */
    public String url() {
        return origin() + "/v21.0";
    }

    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next sends ({@code POST /messages}, not read receipts) get these answers, in order. */
    public synchronized FakeGraph failNextSends(Answer... answers) {
        sendFailures.addAll(List.of(answers));
        return this;
    }

    /** Every call answers 503 while down. */
    public void down(boolean down) {
        this.down = down;
    }

    /** A file someone sent, downloadable by its media id. */
    public void addMedia(String mediaId, byte[] content) {
        media.put(mediaId, content);
    }

    /** The bodies of the messages it took (not read receipts, not the ones it refused), in order. */
    public List<JsonNode> sent() {
        return List.copyOf(accepted);
    }

    /** The bodies of every attempt to send a message, taken or not. */
    public List<JsonNode> attempts() {
        return calls.stream().filter(c -> c.method().equals("POST") && c.path().endsWith("/messages"))
                .map(Call::json).filter(j -> !j.has("status")).toList();
    }

    /** The message ids marked read. */
    public List<String> readReceipts() {
        return calls.stream().filter(c -> c.method().equals("POST") && c.path().endsWith("/messages"))
                .map(Call::json).filter(j -> "read".equals(j.path("status").asText())).map(j -> j.path("message_id").asText()).toList();
    }

    public List<Call> uploads() {
        return calls.stream().filter(c -> c.path().endsWith("/media")).toList();
    }

    /** The downloads of received files (from the URL {@code GET /{media-id}} named). */
    public List<Call> downloads() {
        return calls.stream().filter(c -> c.path().startsWith("/lookaside/")).toList();
    }

    private void serve(HttpExchange x) throws IOException {
        try (x) {
            byte[] body = x.getRequestBody().readAllBytes();
            String path = x.getRequestURI().getPath();
            calls.add(new Call(x.getRequestMethod(), path, x.getRequestURI().getRawQuery(),
                    x.getRequestHeaders().getFirst("Authorization"), x.getRequestHeaders().getFirst("Content-Type"), body));
            String auth = x.getRequestHeaders().getFirst("Authorization");
            byte[] file = path.startsWith("/lookaside/") ? media.get(path.substring("/lookaside/".length())) : null;
            if (file != null && !down && ("Bearer " + TOKEN).equals(auth)) {
                x.getResponseHeaders().set("Content-Type", "image/jpeg");
                x.sendResponseHeaders(200, file.length);
                x.getResponseBody().write(file);
                return;
            }
            Answer a = answer(x.getRequestMethod(), path, body, auth);
            if (a.retryAfter() != null) {
                x.getResponseHeaders().set("Retry-After", a.retryAfter());
            }
            byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "application/json");
            x.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
            x.getResponseBody().write(out);
        }
    }

    private Answer answer(String method, String path, byte[] body, String auth) {
        if (down) {
            return error(503, 2, "Service temporarily unavailable");
        }
        if (!("Bearer " + TOKEN).equals(auth)) {
            return error(401, 190, "Invalid OAuth access token - Cannot parse access token");
        }
        String v = "/v21.0/";
        if (method.equals("GET") && path.equals(v + PHONE_ID)) {
            return ok(Json.MAPPER.createObjectNode().put("display_phone_number", DISPLAY_NUMBER).put("verified_name", "Pincer Test")
                    .put("id", PHONE_ID));
        }
        if (method.equals("POST") && path.equals(v + PHONE_ID + "/messages")) {
            return message(body);
        }
        if (method.equals("POST") && path.equals(v + PHONE_ID + "/media")) {
            return ok(Json.MAPPER.createObjectNode().put("id", "upload-" + ids.incrementAndGet()));
        }
        if (method.equals("GET") && path.startsWith(v) && media.containsKey(path.substring(v.length()))) {
            String id = path.substring(v.length());
            return ok(Json.MAPPER.createObjectNode().put("messaging_product", "whatsapp").put("id", id)
                    .put("url", origin() + "/lookaside/" + id + "?ext=1").put("mime_type", "image/jpeg")
                    .put("file_size", media.get(id).length));
        }
        return error(400, 100, "Unsupported " + method + " request to " + path);
    }

    private synchronized Answer message(byte[] body) {
        JsonNode j;
        try {
            j = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return error(400, 100, "bad JSON");
        }
        if ("read".equals(j.path("status").asText())) {
            return ok(Json.MAPPER.createObjectNode().put("success", true));
        }
        Answer failure = sendFailures.poll();
        if (failure != null) {
            return failure;
        }
        ObjectNode r = Json.MAPPER.createObjectNode().put("messaging_product", "whatsapp");
        r.putArray("contacts").addObject().put("input", j.path("to").asText()).put("wa_id", j.path("to").asText());
        r.putArray("messages").addObject().put("id", "wamid.OUT" + ids.incrementAndGet());
        accepted.add(j);
        return ok(r);
    }

    private static Answer ok(JsonNode n) {
        return new Answer(200, n.toString(), null);
    }

    /** An error answer as the Graph API writes it. */
    public static Answer error(int status, int code, String message) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.putObject("error").put("message", message).put("type", "OAuthException").put("code", code)
                .put("fbtrace_id", "AbCdEf").putObject("error_data").put("messaging_product", "whatsapp").put("details", message);
        return new Answer(status, e.toString(), null);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
