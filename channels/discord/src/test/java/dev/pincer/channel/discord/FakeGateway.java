package dev.pincer.channel.discord;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A fake Discord gateway on loopback speaking the protocol's minimum, uncompressed JSON: HELLO (op
 * 10) on connect; IDENTIFY (op 2) answered with READY and a GUILD_CREATE for the one server;
 * RESUME (op 6) with RESUMED; heartbeats (op 1) with acks (op 11); dispatches (op 0) on demand.
 * {@link #down()} closes it and {@link #up()} opens it again on the same port.
 */
final class FakeGateway implements AutoCloseable {

    /** What a new session is told: the bot user and the servers it is in. */
    record Ready(Map<String, Object> bot, List<Map<String, Object>> guilds) {}

    private final Supplier<Ready> ready;
    private final AtomicInteger seq = new AtomicInteger();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<WebSocket> sessions = new CopyOnWriteArrayList<>();
    private final AtomicInteger identifies = new AtomicInteger();
    private final AtomicInteger resumes = new AtomicInteger();
    private volatile int port;
    private volatile Server server;
    private volatile int refuseWith;

    FakeGateway(Supplier<Ready> ready) throws IOException {
        this.ready = ready;
        up();
    }

    String url() {
        return "ws://127.0.0.1:" + port + "/";
    }

    /** Sessions that identified (new) and resumed so far. */
    int identifies() {
        return identifies.get();
    }

    int resumes() {
        return resumes.get();
    }

    /** Every payload a client sent. */
    List<JsonNode> received() {
        return received;
    }

    /** From now on, IDENTIFY is answered by closing the connection with {@code closeCode} (0: answered normally). */
    void refuseIdentify(int closeCode) {
        refuseWith = closeCode;
    }

    /** Sends an event to every connected session that is past IDENTIFY or RESUME. */
    void dispatch(String type, Object data) {
        String payload = payload(0, type, data);
        for (WebSocket s : sessions) {
            if (s.isOpen()) {
                s.send(payload);
            }
        }
    }

    /** Whether a client is connected and identified or resumed. */
    boolean hasSession() {
        return sessions.stream().anyMatch(WebSocket::isOpen);
    }

    synchronized void down() throws InterruptedException {
        Server s = server;
        server = null;
        sessions.clear();
        if (s != null) {
            s.stop(2000, "the fake gateway goes down");
        }
    }

    synchronized void up() throws IOException {
        if (server != null) {
            return;
        }
        Server s = new Server(new InetSocketAddress("127.0.0.1", port));
        s.setReuseAddr(true);
        s.setDaemon(true);
        s.start();
        try {
            if (!s.started.await(10, TimeUnit.SECONDS) || s.failure != null) {
                throw new IOException("the fake gateway did not start on port " + port, s.failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        port = s.getPort();
        server = s;
    }

    @Override
    public void close() throws InterruptedException {
        down();
    }

    private String payload(int op, String type, Object data) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("op", op);
        p.put("d", data);
        p.put("s", op == 0 ? seq.incrementAndGet() : null);
        p.put("t", type);
        return DiscordJson.write(p);
    }

    private void onPayload(WebSocket socket, JsonNode p) {
        received.add(p);
        switch (p.path("op").asInt(-1)) {
            case 1 -> socket.send(payload(11, null, null));
            case 2 -> {
                if (refuseWith != 0) {
                    socket.close(refuseWith, "refused by the fake");
                    return;
                }
                identifies.incrementAndGet();
                Ready r = ready.get();
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("v", 10);
                d.put("user", r.bot());
                d.put("guilds", r.guilds().stream().map(g -> Map.of("id", g.get("id"), "unavailable", true)).toList());
                d.put("session_id", "fake-session-" + identifies.get());
                d.put("resume_gateway_url", url());
                d.put("private_channels", List.of());
                d.put("application", Map.of("id", r.bot().get("id"), "flags", 0));
                socket.send(payload(0, "READY", d));
                r.guilds().forEach(g -> socket.send(payload(0, "GUILD_CREATE", g)));
                sessions.add(socket);
            }
            case 6 -> {
                resumes.incrementAndGet();
                socket.send(payload(0, "RESUMED", Map.of()));
                sessions.add(socket);
            }
            default -> { }
        }
    }

    private final class Server extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);
        volatile Exception failure;

        Server(InetSocketAddress address) {
            super(address);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            conn.send(payload(10, null, Map.of("heartbeat_interval", 41250)));
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            sessions.remove(conn);
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            try {
                onPayload(conn, DiscordJson.JSON.readTree(message));
            } catch (IOException e) {
                conn.close(4002, "decode error");
            }
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            if (conn == null) {
                failure = ex;
                started.countDown();
            }
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}
