package dev.pincer.web;

import com.sun.net.httpserver.HttpServer;
import dev.pincer.host.channel.Inbox;
import dev.pincer.host.events.EventBus;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.store.MessageStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local web chat and JSON API (DESIGN section 10) on the JDK's HTTP server, one virtual
 * thread per request. Binds {@code 127.0.0.1} unless told otherwise.
 */
public final class WebServer implements AutoCloseable {

    public static final String DEFAULT_HOST = "127.0.0.1";
    /** {@code PINCER_WEB_PORT}'s default. */
    public static final int DEFAULT_PORT = 7878;
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    /**
     * What the server works with.
     *
     * @param inbox    where posted messages go (the {@link WebChannel}, started by the host with its router)
     * @param messages where messages are read from; the server listens to its appends for long-polls
     * @param groups   the group registry behind {@code /api/groups}
     * @param events   the bus streamed by {@code /api/events}
     * @param status   what {@code /api/status} shows; called per request
     * @param tasks    the tasks {@code /api/tasks} shows, each with its last runs (normally
     *                 {@code () -> taskService.overview(5)}); called per request
     * @param token    the bearer token every {@code /api} call must carry (see {@link WebToken})
     */
    public record Parts(Inbox inbox, MessageStore messages, GroupRegistry groups, EventBus events,
                        Supplier<Map<String, Object>> status, Supplier<List<Map<String, Object>>> tasks, String token) {
        public Parts {
            Objects.requireNonNull(inbox, "inbox");
            Objects.requireNonNull(messages, "messages");
            Objects.requireNonNull(groups, "groups");
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(tasks, "tasks");
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("the web server needs a token; resolve one with WebToken.resolve");
            }
        }

        /** Parts without tasks: {@code /api/tasks} shows an empty list. */
        public Parts(Inbox inbox, MessageStore messages, GroupRegistry groups, EventBus events,
                     Supplier<Map<String, Object>> status, String token) {
            this(inbox, messages, groups, events, status, List::of, token);
        }
    }

    private final Parts parts;
    private final String bindHost;
    private final int requestedPort;
    private final ChatSignals signals = new ChatSignals();
    private final EventStream eventStream;
    private final List<Route> routes;
    private HttpServer server;
    private ExecutorService executor;
    private boolean closed;

    /**
     * @param assistantName the assistant's name; new groups default to the trigger {@code @<name>}
     * @param bindHost      the address to listen on, normally {@link #DEFAULT_HOST}
     * @param port          the port, or 0 for any free one (see {@link #port()})
     */
    public WebServer(Parts parts, String assistantName, String bindHost, int port) {
        this(parts, assistantName, bindHost, port, HEARTBEAT);
    }

    WebServer(Parts parts, String assistantName, String bindHost, int port, Duration heartbeat) {
        this.parts = Objects.requireNonNull(parts, "parts");
        if (assistantName == null || assistantName.isBlank()) {
            throw new IllegalArgumentException("the assistant needs a name (ASSISTANT_NAME)");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("web port " + port + " is out of range; use 1-65535 (or 0 for any free port)");
        }
        this.bindHost = bindHost == null || bindHost.isBlank() ? DEFAULT_HOST : bindHost.strip();
        this.requestedPort = port;
        this.eventStream = new EventStream(parts.events(), heartbeat);
        MessagesApi messages = new MessagesApi(parts.inbox(), parts.messages(), parts.groups(), signals);
        GroupsApi groups = new GroupsApi(parts.groups(), assistantName.strip());
        Page page = Page.load();
        this.routes = List.of(
                Route.of("GET", "/", page::serve),
                Route.of("HEAD", "/", page::serve),
                Route.of("POST", "/api/chats/{}/messages", messages::post),
                Route.of("GET", "/api/chats/{}/messages", messages::get),
                Route.of("GET", "/api/groups", groups::list),
                Route.of("POST", "/api/groups", groups::register),
                Route.of("DELETE", "/api/groups/{}", groups::remove),
                Route.of("GET", "/api/status", r -> Reply.json(200, status())),
                Route.of("GET", "/api/tasks", r -> Reply.json(200, Map.of("tasks", tasks()))),
                Route.of("GET", "/api/events", eventStream::serve));
    }

    /** Binds and starts serving. Fails with a message naming the address when it is taken. */
    public synchronized WebServer start() throws IOException {
        if (server != null || closed) {
            throw new IllegalStateException("a web server starts once; create a new one to serve again");
        }
        HttpServer s;
        try {
            s = HttpServer.create(new InetSocketAddress(bindHost, requestedPort), 64);
        } catch (IOException e) {
            throw new IOException("cannot listen on " + bindHost + ":" + requestedPort + " (" + e.getMessage()
                    + "); is Pincer already running? Set PINCER_WEB_PORT to use another port", e);
        }
        parts.messages().onAppended(signals);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        s.setExecutor(executor);
        s.createContext("/", new Dispatcher(new Guard(parts.token(), bindHost, s.getAddress().getPort()), routes));
        s.start();
        server = s;
        log.info("web chat on {}", uri());
        return this;
    }

    /** The bound port (the real one when started with port 0). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the web server is not started");
        }
        return server.getAddress().getPort();
    }

    /** The page's address, e.g. {@code http://127.0.0.1:7878/}. */
    public URI uri() {
        boolean wildcard = bindHost.equals("0.0.0.0") || bindHost.equals("::") || bindHost.equals("[::]");
        String host = wildcard ? DEFAULT_HOST : bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]" : bindHost;
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** Ends long-polls and event streams, then stops listening. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        closed = true;
        signals.close();
        eventStream.close();
        server.stop(1);
        executor.shutdownNow();
        server = null;
    }

    /** Open {@code /api/events} streams (for tests). */
    int openEventStreams() {
        return eventStream.openStreams();
    }

    /** Readers waiting in a long-poll (for tests). */
    int waitingReaders() {
        return signals.waiters();
    }

    private List<Map<String, Object>> tasks() {
        List<Map<String, Object>> t = parts.tasks().get();
        return t == null ? List.of() : t;
    }

    private Map<String, Object> status() {
        Map<String, Object> s = parts.status().get();
        return s == null ? Map.of() : new LinkedHashMap<>(s);
    }
}
