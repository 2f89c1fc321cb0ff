package dev.pincer.host.hosttools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.host.config.Layout;
import dev.pincer.host.events.EventBus;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.identity.SenderCheck;
import dev.pincer.host.ipc.GroupIpc;
import dev.pincer.host.ipc.RequestServer;
import dev.pincer.host.media.AttachmentStore;
import dev.pincer.host.media.MediaIntake;
import dev.pincer.host.media.OutgoingFiles;
import dev.pincer.host.memory.MemoryIndex;
import dev.pincer.host.outbox.ReplyQueue;
import dev.pincer.host.store.AuditLog;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.OutboxStore;
import dev.pincer.host.tasks.SchedulerClock;
import dev.pincer.host.tasks.Task;
import dev.pincer.host.tasks.TaskControl;
import dev.pincer.host.tasks.TaskLimits;
import dev.pincer.host.tasks.TaskService;
import dev.pincer.host.tasks.TaskStore;
import dev.pincer.protocol.HostRequest;
import dev.pincer.protocol.HostResponse;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A host with three groups (main = {@code web:main}, {@code family}, {@code work}), a real SQLite
 * store, the real host tools behind real request servers watching the groups' IPC folders, and the
 * real task service (no scheduler thread: nothing runs). {@link #call} does what the agent does: a request file in, a response file out.
 */
public final class HostIpcFixture implements AutoCloseable {

    public final Layout layout;
    public final Database db;
    public final GroupRegistry registry;
    public final MessageStore messages;
    public final OutboxStore outbox;
    public final AuditLog audit;
    public final TaskStore taskStore;
    public final TaskService tasks;
    public final AtomicInteger kicks = new AtomicInteger();
    public final SenderCheck senders;
    public final HostTools hostTools;
    public final MemoryIndex memory;
    private final Map<String, RequestServer> servers = new HashMap<>();
    /** The file size limit of {@code send_file} here. */
    public static final long MAX_FILE_BYTES = 1_048_576;
    /** Chats whose id starts with this take no files. */
    public static final String NO_FILES = "text:";

    public HostIpcFixture(Path home) {
        this(home, null);
    }

    /** @param control what the task tools use, or null for {@link #tasks} */
    public HostIpcFixture(Path home, TaskControl control) {
        this.layout = new Layout(home);
        this.db = Database.open(layout.database());
        this.messages = new MessageStore(db);
        GroupStore groups = new GroupStore(db);
        this.registry = new GroupRegistry(groups, layout, "Andy");
        this.outbox = new OutboxStore(db, messages);
        this.audit = new AuditLog(db);
        this.taskStore = new TaskStore(db);
        this.tasks = new TaskService(taskStore, ZoneOffset.UTC, SchedulerClock.system(), new EventBus(), () -> {},
                TaskLimits.DEFAULT);
        this.senders = new SenderCheck("Andy", layout, groups, messages);
        registry.ensureDefaults();
        registry.register(new Group("family", "web:family", "Family", new Group.Trigger("@Andy", true), false, "{}"));
        registry.register(new Group("work", "web:work", "Work", new Group.Trigger("@Andy", true), false, "{}"));
        this.memory = MemoryIndex.open(db, layout.groupsDir(), messages);
        MediaIntake media = new MediaIntake(new AttachmentStore(db), layout, (chat, a, max) -> {
            throw new UnsupportedOperationException("no channel fetches here");
        }, null, ReplyQueue.of(outbox, kicks::incrementAndGet), MAX_FILE_BYTES);
        SendMessage send = new SendMessage(registry, new SendMessage.Queues(ReplyQueue.of(outbox, kicks::incrementAndGet), outbox,
                kicks::incrementAndGet), senders, new OutgoingFiles(layout, media), jid -> !jid.startsWith(NO_FILES));
        this.hostTools = new HostTools(registry, audit, send,
                control == null ? tasks : control,
                new GroupTools(registry, messages), new MemoryTools(memory.search(), registry));
    }

    /** Every task by id, as stored. */
    public Map<String, Task> taskSnapshot() {
        return taskStore.list(Optional.empty()).stream().collect(Collectors.toMap(Task::id, Function.identity()));
    }

    /** Deletes every task and task run. */
    public void clearTasks() {
        db.tx(c -> {
            try (var s = c.createStatement()) {
                s.executeUpdate("DELETE FROM task_runs");
                return s.executeUpdate("DELETE FROM tasks");
            }
        });
    }

    /** Starts the request server of {@code folder}, as the runner does when its sandbox starts. */
    public RequestServer serve(String folder, int limit) throws IOException {
        RequestServer server = new RequestServer(GroupIpc.of(layout, folder), hostTools, audit, limit);
        server.clearStale();
        server.start();
        servers.put(folder, server);
        return server;
    }

    public Path requests(String folder) {
        return layout.ipcDir(folder).resolve(IpcFiles.REQUESTS);
    }

    public Path responses(String folder) {
        return layout.ipcDir(folder).resolve(IpcFiles.RESPONSES);
    }

    /** Writes a request as the agent of {@code folder} would and waits for its response. */
    public HostResponse call(String folder, String tool, Map<String, ?> args) throws Exception {
        String id = HostRequest.newId();
        IpcFiles.write(requests(folder), HostRequest.fileName(id), new HostRequest(id, tool, Json.MAPPER.valueToTree(args)));
        return awaitResponse(folder, id);
    }

    /** Waits for {@code responses/<id>.json}, checks the request is gone, and takes the response. */
    public HostResponse awaitResponse(String folder, String id) throws Exception {
        Path file = responses(folder).resolve(HostRequest.fileName(id));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(file)) {
            assertThat(System.nanoTime()).as("a response to %s within 10 s", id).isLessThan(deadline);
            Thread.sleep(5);
        }
        HostResponse r = Json.MAPPER.readValue(IpcFiles.read(file), HostResponse.class);
        Files.delete(file);
        assertThat(r.id()).isEqualTo(id);
        return r;
    }

    /** The audit rows after row {@code afterId}, oldest first. */
    public List<AuditLog.Entry> auditAfter(long afterId) {
        return audit.recent(10_000).stream().filter(e -> e.id() > afterId)
                .sorted(java.util.Comparator.comparingLong(AuditLog.Entry::id)).toList();
    }

    public long lastAuditId() {
        return audit.recent(1).stream().mapToLong(AuditLog.Entry::id).findFirst().orElse(0);
    }

    public static JsonNode data(HostResponse r) {
        assertThat(r).as("an ok response").isInstanceOf(HostResponse.Ok.class);
        return ((HostResponse.Ok) r).data();
    }

    @Override
    public void close() {
        servers.values().forEach(RequestServer::close);
        db.close();
    }
}
