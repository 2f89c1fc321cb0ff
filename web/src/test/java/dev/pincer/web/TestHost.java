package dev.pincer.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pincer.host.app.PincerServices;
import dev.pincer.host.channel.Inbox;
import dev.pincer.host.chatapps.ChannelStatus;
import dev.pincer.host.cockpit.Cockpit;
import dev.pincer.host.cockpit.Controls;
import dev.pincer.host.config.Config;
import dev.pincer.host.config.Layout;
import dev.pincer.host.store.AuditLog;
import dev.pincer.host.store.RunLedger;
import dev.pincer.host.events.EventBus;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.media.AttachmentStore;
import dev.pincer.host.media.MediaIntake;
import dev.pincer.host.outbox.ReplyQueue;
import dev.pincer.host.pairing.Pairing;
import dev.pincer.host.router.Router;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.OutboxStore;
import dev.pincer.host.store.RunSteps;
import dev.pincer.host.store.UsageStore;
import dev.pincer.host.tasks.SchedulerClock;
import dev.pincer.host.tasks.TaskLimits;
import dev.pincer.host.tasks.TaskService;
import dev.pincer.host.tasks.TaskStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real host (SQLite in a temp dir, real stores, router and task service) with a started web
 * server on a free port.
 */
final class TestHost implements AutoCloseable {

    static final String TOKEN = "test-token-0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();

    final Layout layout;
    final Database db;
    final MessageStore messages;
    final GroupStore groupStore;
    final GroupRegistry groups;
    final OutboxStore outbox;
    final TaskStore taskStore;
    final TaskService tasks;
    final EventBus events = new EventBus();
    final Router router;
    final AttachmentStore attachments;
    final List<String> woken = new CopyOnWriteArrayList<>();
    final WebServer server;
    final RunLedger runs;
    final AuditLog audit;
    final RunSteps steps;
    final UsageStore usage;
    final FakeControls controls = new FakeControls();
    final Cockpit cockpit;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TestHost(Path dir) throws IOException {
        this(dir, WebServer.HEARTBEAT);
    }

    TestHost(Path dir, Duration heartbeat) throws IOException {
        layout = new Layout(dir);
        db = Database.open(layout.database());
        messages = new MessageStore(db);
        groupStore = new GroupStore(db);
        groups = new GroupRegistry(groupStore, layout, "Andy");
        groups.ensureDefaults();
        outbox = new OutboxStore(db, messages);
        Pairing pairing = new Pairing(db, groups, ReplyQueue.of(outbox, () -> { }), "Andy", java.time.Clock.systemUTC());
        attachments = new AttachmentStore(db);
        Config config = Config.load(Map.of("PINCER_HOME", dir.toString(), "TZ", "UTC", "PINCER_MAX_ATTACHMENT_MB", "1"), dir);
        WebChannel channel = new WebChannel(Uploads.of(config));
        MediaIntake media = new MediaIntake(attachments, layout, (jid, a, max) -> channel.fetch(a, max), null,
                ReplyQueue.of(outbox, () -> { }), 1_048_576);
        router = new Router(messages, groupStore, woken::add, null, pairing, media);
        taskStore = new TaskStore(db);
        tasks = new TaskService(taskStore, ZoneOffset.UTC, SchedulerClock.system(), events, () -> {}, TaskLimits.DEFAULT);
        runs = new RunLedger(db);
        audit = new AuditLog(db);
        steps = new RunSteps(db);
        usage = new UsageStore(db);
        cockpit = new Cockpit(config, new Cockpit.Stores(messages, runs, steps, audit, outbox, usage), controls,
                new Cockpit.Identity("test", "Andy", java.time.Instant.now(), "none"));
        var services = new Services(config, router, messages, groups, tasks,
                new Extras(runs, audit, events, pairing, attachments, cockpit));
        server = new WebServer(services, new WebServer.Listen(TOKEN, WebServer.DEFAULT_HOST, 0), heartbeat).start();
    }

    /** The parts of a host the web server uses, without queue or sandboxes. */
    private record Services(Config config, Inbox inbox, MessageStore messages, GroupRegistry groups, TaskService tasks,
                            Extras extras) implements PincerServices {
        @Override
        public RunLedger runs() {
            return extras.runs();
        }

        @Override
        public AuditLog audit() {
            return extras.audit();
        }

        @Override
        public EventBus events() {
            return extras.events();
        }

        @Override
        public Pairing pairing() {
            return extras.pairing();
        }

        @Override
        public AttachmentStore attachments() {
            return extras.attachments();
        }

        @Override
        public Cockpit cockpit() {
            return extras.cockpit();
        }

        @Override
        public Map<String, Object> status() {
            return Map.of("assistant", "Andy", "runningAgents", 0);
        }
    }

    private record Extras(RunLedger runs, AuditLog audit, EventBus events, Pairing pairing, AttachmentStore attachments,
                          Cockpit cockpit) {}

    /** The running parts as the cockpit sees them, set by the tests. */
    static final class FakeControls implements Controls {
        final Map<String, String> sandboxes = new java.util.concurrent.ConcurrentHashMap<>();
        final List<String> stopped = new CopyOnWriteArrayList<>();
        final List<ChannelStatus> channels = new CopyOnWriteArrayList<>();
        final java.util.Set<Long> parked = java.util.concurrent.ConcurrentHashMap.newKeySet();
        volatile int retries;

        @Override
        public Map<String, String> sandboxes() {
            return Map.copyOf(sandboxes);
        }

        @Override
        public boolean stop(String folder) {
            if (!"running".equals(sandboxes.get(folder))) {
                return false;
            }
            stopped.add(folder);
            return true;
        }

        @Override
        public List<ChannelStatus> channels() {
            return List.copyOf(channels);
        }

        @Override
        public java.util.Set<Long> parked() {
            return java.util.Set.copyOf(parked);
        }

        @Override
        public void retryOutbox() {
            retries++;
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpRequest.Builder authed(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(90)).header("Authorization", "Bearer " + TOKEN);
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(authed(path).GET().build());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(authed(path).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build());
    }

    /** POSTs raw bytes with this Content-Type. */
    HttpResponse<String> post(String path, byte[] body, String contentType) throws IOException, InterruptedException {
        return send(authed(path).POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType).build());
    }

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(authed(path).DELETE().build());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** A user message posted to a chat; returns its seq. */
    long say(String chat, String text) throws IOException, InterruptedException {
        HttpResponse<String> r = post("/api/chats/" + chat + "/messages", JSON.writeValueAsString(Map.of("text", text)));
        if (r.statusCode() != 202) {
            throw new AssertionError("posting failed: " + r.statusCode() + " " + r.body());
        }
        return json(r).get("seq").asLong();
    }

    @Override
    public void close() {
        server.close();
        http.close();
        db.close();
    }
}
