package dev.pincer.cli;

import dev.pincer.host.channel.Channel;
import dev.pincer.host.config.Config;
import dev.pincer.host.events.EventBus;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.hosttools.GroupTools;
import dev.pincer.host.hosttools.HostTools;
import dev.pincer.host.hosttools.SendMessage;
import dev.pincer.host.ipc.RequestServer;
import dev.pincer.host.ipc.OutputApplier;
import dev.pincer.host.outbox.Outbox;
import dev.pincer.host.queue.GroupQueue;
import dev.pincer.host.router.Router;
import dev.pincer.host.router.SessionReset;
import dev.pincer.host.run.AgentRunner;
import dev.pincer.host.run.RunSettings;
import dev.pincer.host.sandbox.SandboxRuntime;
import dev.pincer.host.store.AuditLog;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.OutboxStore;
import dev.pincer.host.store.RunLedger;
import dev.pincer.host.store.SessionStore;
import dev.pincer.host.tasks.DueTask;
import dev.pincer.host.tasks.DueTasks;
import dev.pincer.host.tasks.Scheduler;
import dev.pincer.host.tasks.SchedulerClock;
import dev.pincer.host.tasks.TaskOutcomes;
import dev.pincer.host.tasks.TaskService;
import dev.pincer.host.tasks.TaskStore;
import dev.pincer.web.WebChannel;
import dev.pincer.web.WebServer;
import dev.pincer.web.WebToken;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Pincer: the one place where the parts are created and wired, by constructor.
 * {@code ./pincer start} and the end-to-end tests both use it.
 */
public final class Pincer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Pincer.class);

    private final Config config;
    private final Instant startedAt = Instant.now();
    private final Database db;
    private final GroupQueue queue;
    private final Outbox outbox;
    private final WebChannel web;
    private final WebServer server;
    private final String token;
    private final SandboxRuntime runtime;
    private final RunLedger ledger;
    private final MessageStore messages;
    private final AuditLog audit;
    private final Scheduler scheduler;
    private final TaskService tasks;
    private final Router router;
    private final AgentRunner runner;
    private final GroupStore groupStore;
    private final DueTasks dueTasks = new DueTasks();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private Pincer(Config config, SandboxRuntime runtime) throws IOException {
        this.config = config;
        this.runtime = runtime;
        this.db = Database.open(config.layout().database());
        this.messages = new MessageStore(db);
        GroupStore groupStore = new GroupStore(db);
        SessionStore sessions = new SessionStore(db);
        this.ledger = new RunLedger(db);
        this.audit = new AuditLog(db);
        OutboxStore outboxStore = new OutboxStore(db, messages);
        EventBus events = new EventBus();
        GroupRegistry registry = new GroupRegistry(groupStore, config.layout(), config.assistantName());

        this.web = new WebChannel();
        List<Channel> channels = List.of(web);
        this.outbox = new Outbox(outboxStore, channels, config.assistantName());

        // Scheduled tasks: the scheduler claims due runs and hands them to the group's queue.
        TaskStore taskStore = new TaskStore(db);
        this.scheduler = new Scheduler(taskStore, config.zone(), SchedulerClock.system(), events, this::taskDue);
        this.tasks = new TaskService(taskStore, config.zone(), SchedulerClock.system(), events, scheduler::wake);
        TaskOutcomes taskOutcomes = new TaskOutcomes(tasks, outboxStore, outbox::kick);

        OutputApplier applier = new OutputApplier(ledger, audit, events, config.layout().ipcErrorsDir(), outbox::kick);
        HostTools hostTools = new HostTools(registry, audit, new SendMessage(registry, outboxStore, outbox::kick),
                tasks, new GroupTools(registry, messages, config.assistantName()));
        RequestServer.Factory requests = (folder, ipc) -> new RequestServer(folder, ipc, config.layout().ipcErrorsDir(),
                hostTools, audit, RequestServer.DEFAULT_LIMIT);
        this.runner = new AgentRunner(RunSettings.from(config), groupStore, messages, sessions, ledger,
                applier, requests, runtime, Proxies.launcher(config, audit, groupStore), events, dueTasks, taskOutcomes);
        this.queue = new GroupQueue(config.maxAgents(), runner::run);
        this.router = new Router(messages, groupStore, queue::wake,
                new SessionReset(sessions, groupStore, outboxStore, outbox::kick, queue::retire));
        this.groupStore = groupStore;
        messages.onAppended(m -> events.publish("message", m));

        registry.ensureDefaults();
        int abandoned = ledger.failAbandoned();
        if (abandoned > 0) {
            log.warn("{} run(s) were interrupted when Pincer last stopped; their messages will be answered again", abandoned);
        }
        this.token = WebToken.resolve(config.webToken(), config.layout().webTokenFile());
        this.server = new WebServer(new WebServer.Parts(web, messages, registry, events, this::status,
                () -> tasks.overview(5), token), config.assistantName(), config.webHost(), config.webPort());
    }

    /** The scheduler claimed a task run: it waits for its group's sandbox like a message would. */
    private void taskDue(DueTask d) {
        dueTasks.add(d);
        queue.wake(d.groupFolder());
    }

    /**
     * Applies outputs a crash left behind and wakes every group; a group with no unanswered,
     * triggered message ends its run at once without starting a sandbox. Task runs a crash
     * interrupted are retried once; then the scheduler starts.
     */
    private void recover() {
        for (Group g : groupStore.all()) {
            runner.recover(g.folder());
            queue.wake(g.folder());
        }
        scheduler.recoverUnfinished();
        scheduler.start();
    }

    /** Opens the store, registers the defaults, starts delivery, channels, the web server and the scheduler. */
    public static Pincer start(Config config, SandboxRuntime runtime) throws Exception {
        Pincer p = new Pincer(config, runtime);
        try {
            p.outbox.start();
            p.web.start(p.router);
            p.server.start();
            p.recover();
            return p;
        } catch (Exception e) {
            p.close();
            throw e;
        }
    }

    /** What {@code GET /api/status} shows. */
    Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("version", "0.1.0");
        s.put("assistant", config.assistantName());
        s.put("startedAt", startedAt.toString());
        s.put("sandbox", runtime.name());
        s.put("activeRuns", queue.active());
        s.put("warmGroups", queue.warm());
        s.put("liveSandboxes", queue.live());
        s.put("waitingGroups", queue.waiting());
        s.put("messages", messages.count());
        s.put("usage", ledger.totals());
        s.put("egress", audit.countsByVerdict("egress"));
        return s;
    }

    /** The task service (scheduled tasks), as the host tools and the CLI see it. */
    public TaskService tasks() {
        return tasks;
    }

    /** The most recent runs, newest first (for the dashboard, tests and diagnostics). */
    public List<RunLedger.Run> recentRuns() {
        return ledger.recent(20);
    }

    /** The most recent audit rows, newest first (refusals, host tool calls, egress). */
    public List<AuditLog.Entry> recentAudit(int limit) {
        return audit.recent(limit);
    }

    public int webPort() {
        return server.port();
    }

    public String webToken() {
        return token;
    }

    public URI chatUrl() {
        return URI.create(server.uri() + "#token=" + token);
    }

    /** Stops accepting work, lets running agents finish for a few seconds, then shuts down. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduler.close();
        queue.close(); // warm sandboxes are asked to close; busy ones close when they have answered
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!queue.live().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        server.close();
        web.stop();
        outbox.close();
        db.close();
    }
}
