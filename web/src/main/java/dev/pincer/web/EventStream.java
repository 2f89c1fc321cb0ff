package dev.pincer.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/events}: every host event as Server-Sent Events
 * ({@code id: <id>\nevent: <type>\ndata: <json>\n\n}), and a comment line as heartbeat. A client
 * that reconnects with {@code Last-Event-ID} first gets the events it missed ({@link EventLog}); if
 * they are gone it gets one {@code reset} event and reloads what it shows. The log's listener only
 * queues (it must not block); the request's own thread writes. A client that goes away is noticed
 * at the next write (at the latest the next heartbeat); one too slow to keep up is disconnected and
 * can reconnect.
 */
final class EventStream {

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);
    private static final int BACKLOG = 1024;
    /** Put in a queue to wake its writer so it sees {@link Client#ended}. */
    private static final Object WAKE = new Object();

    /** One connected client: its backlog, and whether its stream must end. */
    private static final class Client {
        final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BACKLOG);
        volatile boolean ended;

        void offer(EventLog.Numbered e) {
            if (!queue.offer(e)) {
                end();
            }
        }

        /** A full queue needs no wake-up: its writer is not waiting. */
        void end() {
            ended = true;
            queue.offer(WAKE);
        }
    }

    private final EventLog events;
    private final Duration heartbeat;
    private final Set<Client> open = ConcurrentHashMap.newKeySet();

    EventStream(EventLog events, Duration heartbeat) {
        this.events = events;
        this.heartbeat = heartbeat;
    }

    Reply serve(Request r) throws IOException, InterruptedException {
        HttpExchange ex = r.exchange();
        String lastId = ex.getRequestHeaders().getFirst("Last-Event-ID");
        Client client = new Client();
        AutoCloseable subscription = events.listen(client::offer); // before the catch-up: nothing falls between
        open.add(client);
        try {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            write(out, "retry: 2000\n: connected\n\n");
            Optional<List<EventLog.Numbered>> missed = events.after(lastId);
            long sent = 0;
            if (missed.isEmpty()) {
                write(out, "event: reset\ndata: {\"reason\":\"the events since " + sanitize(HttpError.shown(lastId))
                        + " are gone; reload\"}\n\n");
            } else {
                for (EventLog.Numbered e : missed.get()) {
                    write(out, frame(e));
                    sent = e.n();
                }
            }
            while (true) {
                Object item = client.queue.poll(heartbeat.toNanos(), TimeUnit.NANOSECONDS);
                if (client.ended) {
                    return new Reply.Streamed();
                }
                if (item instanceof EventLog.Numbered e && e.n() > sent) {
                    write(out, frame(e));
                } else if (item == null) {
                    write(out, ": heartbeat\n\n");
                }
            }
        } catch (IOException e) {
            log.debug("event stream client went away: {}", e.toString());
            return new Reply.Streamed();
        } finally {
            open.remove(client);
            try {
                subscription.close();
            } catch (Exception e) {
                log.warn("unsubscribing an event stream failed: {}", e.toString());
            }
        }
    }

    /** Ends every open stream (server shutdown). */
    void close() {
        open.forEach(Client::end);
    }

    /** Open streams (for tests and status). */
    int openStreams() {
        return open.size();
    }

    static String frame(EventLog.Numbered n) {
        String type = n.event().type() == null ? "message" : sanitize(n.event().type());
        String data;
        try {
            data = Json.text(n.event().data());
        } catch (IllegalStateException ex) {
            log.warn("event '{}' cannot be written as JSON: {}", type, ex.getMessage());
            data = "null";
        }
        return "id: " + n.id() + "\nevent: " + type + "\ndata: " + data + "\n\n";
    }

    private static String sanitize(String s) {
        return s.replaceAll("[\\r\\n\"\\\\]", " ");
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
