package dev.pincer.web;

import com.sun.net.httpserver.HttpServer;
import dev.pincer.host.app.PincerServices;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local web chat and JSON API (docs/DESIGN.md section 10) on the JDK's HTTP server, one virtual
 * thread per request. Binds {@code 127.0.0.1} unless told otherwise.
 */
public final class WebServer implements AutoCloseable {

    public static final String DEFAULT_HOST = "127.0.0.1";
    /** {@code PINCER_WEB_PORT}'s default. */
    public static final int DEFAULT_PORT = 7878;
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    /**
     * Where and for whom the server listens.
     *
     * @param token the bearer token every {@code /api} call must carry (see {@link WebToken})
     * @param host  the address to listen on, normally {@link #DEFAULT_HOST}
     * @param port  the port, or 0 for any free one (see {@link #port()})
     */
    public record Listen(String token, String host, int port) {
        /** Never the token. */
        @Override
        public String toString() {
            return "Listen[token=****, host=" + host + ", port=" + port + "]";
        }

        public Listen {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("the web server needs a token; resolve one with WebToken.resolve");
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("web port " + port + " is out of range; use 1-65535 (or 0 for any free port)");
            }
            host = host == null || host.isBlank() ? DEFAULT_HOST : host.strip();
        }
    }

    private final PincerServices pincer;
    private final String token;
    private final String bindHost;
    private final int requestedPort;
    private final ChatSignals signals = new ChatSignals();
    private final EventLog eventLog;
    private final EventStream eventStream;
    private final List<Route> routes;
    private List<Route> served = List.of();
    private HttpServer server;
    private ExecutorService executor;
    private boolean closed;

    /** @param pincer what the API reads and changes; posted messages go to its inbox */
    public WebServer(PincerServices pincer, Listen listen) {
        this(pincer, listen, HEARTBEAT);
    }

    WebServer(PincerServices pincer, Listen listen, Duration heartbeat) {
        this.pincer = Objects.requireNonNull(pincer, "pincer");
        String assistantName = pincer.config().assistant().name();
        if (assistantName == null || assistantName.isBlank()) {
            throw new IllegalArgumentException("the assistant needs a name (ASSISTANT_NAME)");
        }
        this.token = listen.token();
        this.bindHost = listen.host();
        this.requestedPort = listen.port();
        this.eventLog = new EventLog(pincer.events());
        this.eventStream = new EventStream(eventLog, heartbeat);
        this.routes = routes(pincer, Page.load());
    }

    /** Every endpoint; docs/API.md describes them. */
    private List<Route> routes(PincerServices pincer, Page page) {
        Uploads uploads = Uploads.of(pincer.config());
        MessagesApi messages = new MessagesApi(pincer.inbox(), new MessagesApi.History(pincer.messages(), pincer.attachments()),
                pincer.groups(), signals, uploads);
        FilesApi files = new FilesApi(uploads, pincer.attachments(), pincer.groups(), pincer.config().layout());
        ChatsApi chats = new ChatsApi(pincer);
        GroupsApi groups = new GroupsApi(pincer);
        TasksApi tasks = new TasksApi(pincer.tasks());
        CockpitApi cockpit = new CockpitApi(pincer.cockpit());
        return List.of(
                Route.of("GET", "/", page::serve),
                Route.of("HEAD", "/", page::serve),
                Route.of("GET", "/static/{}", page::asset),
                Route.of("POST", "/api/chats/{}/messages", messages::post),
                Route.of("GET", "/api/chats/{}/messages", messages::get),
                Route.of("POST", "/api/chats/{}/files", files::upload),
                Route.of("GET", "/api/attachments/{}", files::download),
                Route.of("HEAD", "/api/attachments/{}", files::download),
                Route.of("GET", "/api/chats", chats::list),
                Route.of("GET", "/api/pairings", chats::pairings),
                Route.of("POST", "/api/pairings/{}", chats::approve),
                Route.of("GET", "/api/groups", groups::list),
                Route.of("POST", "/api/groups", groups::register),
                Route.of("DELETE", "/api/groups/{}", groups::remove),
                Route.of("POST", "/api/groups/{}/stop", groups::stop),
                Route.of("GET", "/api/status", r -> Reply.json(200, status())),
                Route.of("GET", "/api/tasks", tasks::list),
                Route.of("POST", "/api/tasks/{}/pause", tasks::pause),
                Route.of("POST", "/api/tasks/{}/resume", tasks::resume),
                Route.of("POST", "/api/tasks/{}/cancel", tasks::cancel),
                Route.of("POST", "/api/tasks/{}/run", tasks::run),
                Route.of("GET", "/api/runs", cockpit::runs),
                Route.of("GET", "/api/runs/{}", cockpit::run),
                Route.of("GET", "/api/usage", cockpit::usage),
                Route.of("GET", "/api/audit", cockpit::audit),
                Route.of("GET", "/api/outbox", cockpit::outbox),
                Route.of("POST", "/api/outbox/retry", cockpit::retry),
                Route.of("GET", "/api/channels", cockpit::channels),
                Route.of("GET", "/api/settings", cockpit::settings),
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
        pincer.messages().onAppended(signals);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        s.setExecutor(executor);
        Guard guard = new Guard(token, bindHost, s.getAddress().getPort());
        List<Route> all = new ArrayList<>(routes);
        all.add(Route.of("POST", "/api/session", guard.session()::open));
        all.add(Route.of("DELETE", "/api/session", guard.session()::close));
        s.createContext("/", new Dispatcher(guard, all));
        s.start();
        server = s;
        served = List.copyOf(all);
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
        eventLog.close();
        server.stop(1);
        executor.shutdownNow();
        server = null;
    }

    /**
     * The routes the started server answers, each as {@code METHOD /path} with {@code {}} for a
     * path part (docs/API.md lists every one).
     */
    synchronized List<String> routeTable() {
        if (server == null) {
            throw new IllegalStateException("the web server is not started");
        }
        return served.stream().map(r -> r.method() + " " + String.join("/", r.template())).toList();
    }

    /** Open {@code /api/events} streams (for tests). */
    int openEventStreams() {
        return eventStream.openStreams();
    }

    /** Readers waiting in a long-poll (for tests). */
    int waitingReaders() {
        return signals.waiters();
    }

    /** {@code GET /api/status}: what the host reports about itself. */
    private Map<String, Object> status() {
        Map<String, Object> s = pincer.status();
        return s == null ? Map.of() : new LinkedHashMap<>(s);
    }
}
