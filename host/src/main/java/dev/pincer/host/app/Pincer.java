package dev.pincer.host.app;

import dev.pincer.host.channel.Channel;
import dev.pincer.host.channel.ChannelSettings;
import dev.pincer.host.chatapps.AppContext;
import dev.pincer.host.chatapps.ChatApps;
import dev.pincer.host.media.AttachmentStore;
import dev.pincer.host.media.MediaIntake;
import dev.pincer.host.cockpit.Cockpit;
import dev.pincer.host.cockpit.Controls;
import dev.pincer.host.pairing.Pairing;
import dev.pincer.host.channel.Inbox;
import dev.pincer.host.config.Config;
import dev.pincer.host.events.EventBus;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.hosttools.SendMessage;
import dev.pincer.host.identity.SenderCheck;
import dev.pincer.host.ipc.LiveOutputs;
import dev.pincer.host.ipc.OutputApplier;
import dev.pincer.host.ipc.RequestServer;
import dev.pincer.host.memory.MemoryIndex;
import dev.pincer.host.outbox.Outbox;
import dev.pincer.host.outbox.ReplyQueue;
import dev.pincer.host.proxy.SandboxProxies;
import dev.pincer.host.queue.GroupQueue;
import dev.pincer.host.router.Router;
import dev.pincer.host.router.SessionReset;
import dev.pincer.host.run.AgentRunner;
import dev.pincer.host.run.FailureNotices;
import dev.pincer.host.run.RunEndings;
import dev.pincer.host.run.RunIo;
import dev.pincer.host.run.RunSettings;
import dev.pincer.host.run.RunStores;
import dev.pincer.host.sandbox.SandboxRuntime;
import dev.pincer.host.spend.Spend;
import dev.pincer.host.store.AuditLog;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.OutboxStore;
import dev.pincer.host.store.RunLedger;
import dev.pincer.host.store.RunSteps;
import dev.pincer.host.store.SessionStore;
import dev.pincer.host.store.UsageStore;
import dev.pincer.host.tasks.DueTask;
import dev.pincer.host.tasks.DueTasks;
import dev.pincer.host.tasks.Scheduler;
import dev.pincer.host.tasks.SchedulerClock;
import dev.pincer.host.tasks.TaskOutcomes;
import dev.pincer.host.tasks.TaskService;
import dev.pincer.host.tasks.TaskStore;
import dev.pincer.host.team.TeamLaunch;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Pincer: the one place where the parts are created and wired, by constructor (config →
 * store → sandbox runtime → queue → channels → front ends). {@code ./pincer start} and the
 * end-to-end tests both use it. Front ends (the web app) are found with {@link ServiceLoader}.
 */
public final class Pincer implements PincerServices, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Pincer.class);

    private final Config config;
    private final Instant startedAt = Instant.now();
    private final SandboxRuntime runtime;
    private final Database db;
    private final MessageStore messages;
    private final GroupStore groupStore;
    private final GroupRegistry registry;
    private final RunLedger ledger;
    private final AuditLog audit;
    private final UsageStore usage;
    private final AttachmentStore attachments;
    private final Spend spend;
    private final EventBus events = new EventBus();
    private final Outbox outbox;
    private final Scheduler scheduler;
    private final TaskService tasks;
    private final DueTasks dueTasks = new DueTasks();
    private final AgentRunner runner;
    private final GroupQueue queue;
    private final Router router;
    private final ChatApps apps;
    private final Pairing pairing;
    private final ReplyQueue replies;
    private final List<Frontend> frontends;
    private final Cockpit cockpit;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Pincer(Config config, SandboxRuntime runtime, List<Frontend> frontends) throws IOException {
        this.config = config;
        this.runtime = runtime;
        this.frontends = List.copyOf(frontends);
        this.db = Database.open(config.layout().database());
        this.messages = new MessageStore(db);
        this.groupStore = new GroupStore(db);
        SessionStore sessions = new SessionStore(db);
        this.ledger = new RunLedger(db);
        this.audit = new AuditLog(db);
        OutboxStore outboxStore = new OutboxStore(db, messages);
        this.registry = new GroupRegistry(groupStore, config.layout(), config.assistant().name());
        // Chat apps: the front ends' channels (the web chat) and every configured channel module.
        List<Channel> builtIn = this.frontends.stream().flatMap(f -> f.channels().stream()).toList();
        this.apps = ChatApps.load(builtIn, name -> new ChannelSettings(config.settings(),
                ChatApps.dataDir(config.layout().dataDir(), name), config.assistant().name()));
        this.outbox = new Outbox(outboxStore, apps.channels(), config.assistant().name(), config.layout()::mediaDir);
        this.replies = ReplyQueue.of(outboxStore, outbox::kick);

        // Scheduled tasks: the scheduler claims due runs and hands them to the group's queue.
        TaskStore taskStore = new TaskStore(db);
        this.scheduler = new Scheduler(taskStore, config.assistant().zone(), SchedulerClock.system(), events, this::taskDue);
        this.tasks = new TaskService(taskStore, config.assistant().zone(), SchedulerClock.system(), events, scheduler::wake,
                config.assistant().tasks());
        TaskOutcomes taskOutcomes = new TaskOutcomes(tasks, replies);
        SenderCheck senders = new SenderCheck(config.assistant().name(), config.layout(), groupStore, messages);
        RunSteps steps = new RunSteps(db);
        OutputApplier applier = new OutputApplier(ledger, audit, new LiveOutputs(events, steps), config.layout(), senders,
                outbox::kick);
        MemoryIndex memory = MemoryIndex.open(db, config.layout().groupsDir(), messages);
        this.attachments = new AttachmentStore(db);
        MediaIntake media = MediaIntake.of(config.assistant().media(), attachments, config.layout(), apps::fetch, replies);
        // Spend: every sandbox's proxy counts its model calls against the budgets (docs/DESIGN.md section 6).
        this.usage = new UsageStore(db);
        this.spend = Spend.of(config, usage, groupStore, outboxStore, outbox::kick);
        SandboxProxies proxies = new SandboxProxies(config, audit, groupStore, spend::meter);
        RunSettings runSettings = RunSettings.from(config);
        runSettings.jvm().cache().prepare(); // the agent JVM's start-up cache, trained in the background if missing (docs/DESIGN.md)
        RequestServer.Factory requests = RequestWiring.requests(config, new RequestWiring.Stores(registry, groupStore, messages,
                ledger, audit), new RequestWiring.Services(new SendMessage.Queues(replies, outboxStore, outbox::kick), senders,
                media, apps::takesFiles, tasks, memory.search()), new TeamLaunch(runtime, proxies::open, runSettings, audit));
        this.runner = new AgentRunner(runSettings, new RunStores(groupStore, messages, attachments, sessions, ledger),
                new RunIo(runtime, proxies::open, applier, requests), dueTasks,
                new RunEndings(ledger, events, taskOutcomes,
                        new FailureNotices(replies, GroupRegistry.MAIN_JID, Clock.systemUTC())));
        this.queue = new GroupQueue(config.agents().max(), (folder, lease) -> memory.around(folder, () -> runner.run(folder, lease)));
        this.pairing = new Pairing(db, registry, replies, config.assistant().name(), Clock.systemUTC(),
                chat -> apps.owner(chat).map(Channel::pairsStrangers).orElse(true));
        this.router = new Router(messages, groupStore, queue::wake, new SessionReset(sessions, groupStore, replies, queue::retire), pairing, media);
        LiveEvents.wire(events, messages, registry, audit);
        this.cockpit = new Cockpit(config, new Cockpit.Stores(messages, ledger, steps, audit, outboxStore, usage),
                Controls.of(queue, outbox, apps), new Cockpit.Identity(Version.get(), config.assistant().name(), startedAt,
                runtime.name()));

        registry.ensureDefaults();
        int abandoned = ledger.failAbandoned();
        if (abandoned > 0) {
            log.warn("{} run(s) were interrupted when Pincer last stopped; their messages will be answered again", abandoned);
        }
    }

    /** Opens the store, registers the defaults, starts delivery, channels, the front ends on the class path and the scheduler. */
    public static Pincer start(Config config, SandboxRuntime runtime) throws Exception {
        List<Frontend> frontends = new ArrayList<>();
        for (Frontend.Provider p : ServiceLoader.load(Frontend.Provider.class)) {
            frontends.add(p.create(config));
        }
        runtime.removeLeftovers(); // cgroups of sandboxes a killed Pincer could not release
        Pincer p = new Pincer(config, runtime, frontends);
        try {
            p.outbox.start();
            p.apps.start(new AppContext.Wiring(p.router, p.replies, p.groupStore, p.events, Clock.systemUTC()),
                    config.web().webhooks());
            for (Frontend f : p.frontends) {
                f.start(p);
            }
            p.recover();
            return p;
        } catch (Exception e) {
            p.close();
            throw e;
        }
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

    @Override
    public Map<String, Object> status() {
        return cockpit.status();
    }

    @Override
    public Cockpit cockpit() {
        return cockpit;
    }

    @Override
    public Config config() {
        return config;
    }

    @Override
    public Inbox inbox() {
        return router;
    }

    @Override
    public MessageStore messages() {
        return messages;
    }

    @Override
    public AttachmentStore attachments() {
        return attachments;
    }

    @Override
    public GroupRegistry groups() {
        return registry;
    }

    @Override
    public TaskService tasks() {
        return tasks;
    }

    @Override
    public RunLedger runs() {
        return ledger;
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    /** Model usage as the egress proxies counted it, per run and per group and day. */
    public UsageStore usage() {
        return usage;
    }

    @Override
    public EventBus events() {
        return events;
    }

    @Override
    public Pairing pairing() {
        return pairing;
    }

    /** The most recent runs, newest first (for tests and diagnostics). */
    public List<RunLedger.Run> recentRuns() {
        return ledger.recent(20);
    }

    /** Where people open Pincer's front ends (the web chat link with its token). */
    public List<URI> links() {
        return frontends.stream().map(Frontend::link).flatMap(Optional::stream).toList();
    }

    /** Stops accepting work, lets running agents finish for a few seconds, then shuts down. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduler.close();
        queue.close(); // warm sandboxes are asked to close; busy ones close when they have answered
        queue.awaitNoneLive(java.time.Duration.ofSeconds(10));
        frontends.forEach(Frontend::close);
        apps.close();
        outbox.close();
        db.close();
    }
}
