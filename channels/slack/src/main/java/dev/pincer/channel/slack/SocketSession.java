package dev.pincer.channel.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.Slack;
import com.slack.api.socket_mode.impl.SocketModeClientJavaWSImpl;
import com.slack.api.socket_mode.queue.impl.ConcurrentLinkedMessageQueue;
import com.slack.api.socket_mode.response.AckResponse;
import dev.pincer.host.channel.Reconnect;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Socket Mode connection, run by {@link Reconnect}: {@code auth.test} (once), then
 * {@code apps.connections.open} for a WebSocket URL, then the SDK's Java-WebSocket client. It counts
 * as connected when Slack says {@code hello}; every {@code events_api} envelope is handed to the
 * {@link Sink} and acknowledged once handed in. When Slack asks for a new connection
 * ({@code disconnect}) the session opens the next one at once; when the connection closes or fails
 * it ends, saying why, and {@link Reconnect} retries with backoff. The SDK's own reconnecting is
 * turned off, so there is one loop that keeps the connection and reports its state.
 *
 * @param appToken the app-level token ({@code xapp-}) that opens Socket Mode connections; never in {@link #toString()}
 */
record SocketSession(SlackApi api, String appToken, Sink sink) implements Reconnect.Session {

    private static final Logger log = LoggerFactory.getLogger(SocketSession.class);
    static final Duration HELLO_TIMEOUT = Duration.ofSeconds(30);

    /** Takes a received event; throwing means it was not handed in (it is then not acknowledged, so Slack sends it again). */
    @FunctionalInterface
    interface Sink {
        void event(JsonNode event, Identity me) throws Exception;
    }

    /** How a connection ended: Slack asked for a new one ({@code refresh}), or it was lost. */
    private record Ended(boolean refresh, String reason) {}

    /** Never the token: a record's own toString would put it into any log line that prints this. */
    @Override
    public String toString() {
        return "SocketSession[appToken=****]";
    }

    @Override
    public void run(Runnable connected) throws Exception {
        Identity me = api.identity();
        while (true) {
            Ended ended = connectOnce(me, connected);
            if (!ended.refresh()) {
                throw new IOException(ended.reason());
            }
            log.info("slack: {}; opening a new connection", ended.reason());
        }
    }

    private Ended connectOnce(Identity me, Runnable connected) throws Exception {
        CompletableFuture<Ended> ended = new CompletableFuture<>();
        CompletableFuture<Void> hello = new CompletableFuture<>();
        try (Client client = new Client(api.slack(), appToken, api.socketModeUrl(), ended)) {
            client.addWebSocketMessageListener(m -> onMessage(client, m, me, () -> {
                hello.complete(null);
                connected.run();
            }));
            client.addWebSocketCloseListener((code, reason) -> ended.complete(new Ended(false,
                    "the Socket Mode connection closed (" + code + (reason == null || reason.isBlank() ? "" : ": " + reason) + ")")));
            client.addWebSocketErrorListener(e -> ended.complete(new Ended(false, "the Socket Mode connection failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()))));
            client.connect();
            try {
                CompletableFuture.anyOf(ended, hello).get(HELLO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return new Ended(false, "Slack sent no hello within " + HELLO_TIMEOUT.toSeconds() + " s of connecting");
            }
            return ended.get();
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    private void onMessage(Client client, String message, Identity me, Runnable hello) {
        JsonNode m;
        try {
            m = Json.MAPPER.readTree(message);
        } catch (IOException e) {
            log.warn("slack: a Socket Mode message that is not JSON was ignored: {}", e.getMessage());
            return;
        }
        switch (m.path("type").asText()) {
            case "hello" -> hello.run();
            case "events_api" -> {
                String envelope = m.path("envelope_id").asText();
                try {
                    sink.event(m.path("payload").path("event"), me);
                } catch (Exception e) {
                    log.error("slack: event {} was not handed in ({}); not acknowledged, so Slack sends it again", envelope, e.toString());
                    return;
                }
                client.sendSocketModeResponse(new AckResponse(envelope));
            }
            default -> log.debug("slack: Socket Mode message of type {} ignored", m.path("type").asText());
        }
    }

    /** The SDK's Java-WebSocket client with its reconnecting off; Slack's {@code disconnect} ends this connection. */
    private static final class Client extends SocketModeClientJavaWSImpl {
        private final CompletableFuture<Ended> ended;

        Client(Slack slack, String appToken, String url, CompletableFuture<Ended> ended) throws URISyntaxException {
            // one message processor keeps the events in order; no auto-reconnect and no session monitor
            super(slack, appToken, url, 1, new ConcurrentLinkedMessageQueue(), false, false, DEFAULT_SESSION_MONITOR_INTERVAL_MILLISECONDS);
            this.ended = ended;
        }

        @Override
        public void connectToNewEndpoint() {
            ended.complete(new Ended(true, "Slack asked for a new connection"));
        }
    }
}
