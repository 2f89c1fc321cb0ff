package dev.pincer.host.run;

import dev.pincer.host.ipc.DirectoryWatcher;
import dev.pincer.host.ipc.GroupIpc;
import dev.pincer.host.ipc.IpcDir;
import dev.pincer.host.ipc.OutputApplier;
import dev.pincer.host.ipc.RequestServer;
import dev.pincer.host.proxy.ProxyLauncher;
import dev.pincer.host.media.Attachment;
import dev.pincer.host.media.AttachmentStore;
import dev.pincer.host.media.AttachmentTags;
import dev.pincer.host.queue.GroupQueue;
import dev.pincer.host.queue.Lease;
import dev.pincer.host.router.PromptFormatter;
import dev.pincer.host.router.Triggers;
import dev.pincer.host.sandbox.MountPlan;
import dev.pincer.host.sandbox.SandboxExit;
import dev.pincer.host.sandbox.SandboxProcess;
import dev.pincer.host.sandbox.SandboxSpec;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.StoredMessage;
import dev.pincer.host.tasks.DueTask;
import dev.pincer.host.tasks.DueTasks;
import dev.pincer.protocol.AgentInput;
import dev.pincer.protocol.AgentOutput;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sandbox of one group, start to end: gather the messages since the group's cursor, start
 * the proxy endpoint, the request server and the sandbox, hand over the {@code start} input, apply
 * outputs as they appear, hand over follow-up messages while it lives (each batch a run in the
 * ledger), and record how it ended. Called by the {@code GroupQueue}, never twice at once per group.
 */
public final class AgentRunner {

    private static final Logger log = LoggerFactory.getLogger(AgentRunner.class);
    private static final int MAX_CATCH_UP = 200;
    private static final Duration RESCAN = Duration.ofSeconds(2);

    private final RunSettings settings;
    private final RunStores stores;
    private final RunIo io;
    private final DueTasks dueTasks;
    private final RunEndings endings;
    private final RunPlanner planner;

    /**
     * @param dueTasks scheduled task runs waiting for their group
     * @param endings  hears how each batch ended (and tells the chat about failures)
     */
    public AgentRunner(RunSettings settings, RunStores stores, RunIo io, DueTasks dueTasks, RunEndings endings) {
        this.dueTasks = dueTasks;
        this.endings = endings;
        this.planner = new RunPlanner(settings);
        this.settings = settings;
        this.stores = stores;
        this.io = io;
    }

    /**
     * Runs the group's oldest due task, or else its triggered, unanswered messages; returns when its
     * sandbox is gone.
     */
    public void run(String folder, Lease lease) {
        Group group = stores.groups().byFolder(folder).orElse(null);
        if (group == null) {
            for (DueTask t = dueTasks.poll(folder).orElse(null); t != null; t = dueTasks.poll(folder).orElse(null)) {
                endings.taskFailed(t, "the group " + folder + " is no longer registered");
            }
            return;
        }
        recover(folder);
        DueTask task = dueTasks.poll(folder).orElse(null);
        Batches.Batch first;
        String prompt;
        if (task != null) {
            first = startTaskBatch(group, task, stores.groups().cursor(folder));
            prompt = taskPrompt(task);
        } else {
            List<StoredMessage> pending = unanswered(group, stores.groups().cursor(folder));
            if (!triggers(group, pending)) {
                return;
            }
            first = startBatch(group, pending);
            prompt = prompt(group, pending);
        }
        boolean isolated = task != null && task.isolated();
        String sessionId = isolated ? null : stores.sessions().get(folder).orElse(null);
        Batches batches = new Batches(folder, group.jid(), first);
        dev.pincer.protocol.RunFailure failure;
        boolean unread = false;
        try {
            SandboxExit exit = runSandbox(group, batches, prompt, sessionId, isolated, lease);
            failure = SandboxFailures.of(exit);
            // The agent ended on its own after its last result (0: answered; 1 after a failed result: it
            // ends then) just as new messages were handed over: they were never read; the next run answers them.
            unread = exit instanceof SandboxExit.Exited(int code) && (code == 0 || code == 1 && batches.lastResultFailed());
            if (unread && !batches.allAnswered()) {
                lease.runAgain();
            }
        } catch (IOException | RuntimeException e) {
            log.error("the sandbox of group {} could not start", folder, e);
            failure = SandboxFailures.couldNotStart(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = SandboxFailures.of(new SandboxExit.Killed());
        }
        if (dueTasks.hasAny(folder) || isolated && triggers(group, unanswered(group, stores.groups().cursor(folder)))) {
            lease.runAgain(); // tasks still waiting, or messages an isolated sandbox was not given
        }
        if (lease.stopped()) {
            endings.stopped(group, batches);
        } else if (unread) {
            endings.unread(group, batches);
        } else {
            endings.unanswered(group, batches, failure);
        }
    }

    /**
     * Applies output files a previous sandbox left behind (Pincer stopped before it read them), as
     * outputs of its last run. Called at start-up and before each sandbox.
     */
    public void recover(String folder) {
        // A reply names the batch it answers; any recent run of the group may be meant.
        stores.ledger().latest(folder).ifPresent(prev -> io.outputs().applyAll(
                new OutputApplier.RunTarget(folder, prev.id(), prev.chatJid(), stores.ledger().recentIds(folder, 100)), r -> {}));
    }

    /** The messages as the agent is asked them, each with its files. */
    private String prompt(Group group, List<StoredMessage> pending) {
        Map<String, List<Attachment>> files = new HashMap<>();
        for (Attachment a : stores.attachments().of(group.jid(), pending.stream().map(StoredMessage::id).toList())) {
            files.computeIfAbsent(a.messageId(), id -> new ArrayList<>()).add(a);
        }
        Map<String, String> after = new HashMap<>();
        files.forEach((id, list) -> after.put(id, AttachmentTags.of(list, PromptFormatter::escape)));
        return PromptFormatter.format(pending, settings.zone(), after);
    }

    /** Unanswered user messages after {@code afterSeq}, the most recent {@value #MAX_CATCH_UP} at most. */
    private List<StoredMessage> unanswered(Group group, long afterSeq) {
        List<StoredMessage> all = stores.messages().userMessagesAfter(group.jid(), afterSeq, Integer.MAX_VALUE);
        return all.size() <= MAX_CATCH_UP ? all : all.subList(all.size() - MAX_CATCH_UP, all.size());
    }

    private static boolean triggers(Group group, List<StoredMessage> pending) {
        return pending.stream().anyMatch(m -> Triggers.triggers(group, m));
    }

    /** A task run answers no messages: its through-seq stays where the cursor is. */
    private Batches.Batch startTaskBatch(Group group, DueTask task, long throughSeq) {
        String runId = UUID.randomUUID().toString();
        stores.ledger().start(runId, group.folder(), group.jid(), throughSeq, task.runId(), !task.isolated());
        endings.started(group, runId, task);
        return new Batches.Batch(runId, throughSeq, task, System.nanoTime());
    }

    private String taskPrompt(DueTask task) {
        return PromptFormatter.scheduledTask(task.taskId(), task.spec().prompt(), Instant.now(), settings.zone());
    }

    private Batches.Batch startBatch(Group group, List<StoredMessage> pending) {
        String runId = UUID.randomUUID().toString();
        long throughSeq = pending.get(pending.size() - 1).seq();
        stores.ledger().start(runId, group.folder(), group.jid(), throughSeq);
        endings.started(group, runId, null);
        return new Batches.Batch(runId, throughSeq);
    }

    /** Starts the sandbox and returns how it ended; {@code batches} tells what it answered. */
    private SandboxExit runSandbox(Group group, Batches batches, String prompt, String sessionId, boolean isolated,
                                   Lease lease) throws IOException, InterruptedException {
        Path home = settings.layout().home();
        String folder = group.folder();
        GroupIpc ipc = GroupIpc.of(settings.layout(), folder);
        IpcDir input = ipc.dir(IpcFiles.INPUT);
        for (String sub : List.of(IpcFiles.INPUT, IpcFiles.OUTPUT, IpcFiles.REQUESTS, IpcFiles.RESPONSES)) {
            ipc.dir(sub).repair(); // a link the last sandbox planted is removed, never followed
        }
        MountPlan.createGroupDirectories(home, folder);
        Path output = ipc.dir(IpcFiles.OUTPUT).path();
        input.clear(ipc.errors(), folder + "-stale-"); // inputs of a dead sandbox are not for this one
        RequestServer requests = io.requests().open(ipc);
        requests.clearStale();
        AgentInput.Start start = planner.start(group, batches.target().runId(), prompt, sessionId);
        SandboxSpec spec = planner.spec(group, start.runId());

        ProxyLauncher.Handle proxy = io.proxies().open(folder, MountPlan.runDir(home, folder));
        proxy.beginRun(start.runId());
        try (requests) {
            input.write(IpcFiles.newName(), Json.MAPPER.writerFor(AgentInput.class).writeValueAsBytes(start));
            SandboxProcess process = SandboxStart.start(io.runtime(), spec, stores.ledger(), batches.target().runId());
            log.info("started sandbox {} for group {}", process.pid(), folder);
            Semaphore wake = new Semaphore(0);
            Runnable applyOutputs = () -> io.outputs().applyAll(folder, batches::target, r -> {
                endings.answered(group, batches, r);
                wake.release();
            });
            SandboxExit exit;
            requests.start();
            try (DirectoryWatcher ignored = new DirectoryWatcher(output, RESCAN, applyOutputs)) {
                // An isolated task's sandbox takes no chat messages and closes once it answered; a live
                // sandbox also closes early when an isolated task waits for the group.
                Handover to = new Handover(input, requests, proxy);
                var hooks = new LiveSandbox.Hooks(() -> !isolated && feed(folder, batches, to),
                        () -> isolated || dueTasks.hasIsolated(folder), wake);
                exit = new LiveSandbox(new LiveSandbox.Target(folder, process, input), batches, lease, hooks,
                        settings.time()).run();
            }
            applyOutputs.run();
            requests.drain();
            log.info("sandbox {} of group {} ended: {}", process.pid(), folder, exit);
            return exit;
        } finally {
            closeQuietly(proxy, folder);
        }
    }

    /** Hands the messages that arrived since the last batch to the live sandbox; false if none triggers. */
    private boolean feed(String folder, Batches batches, Handover to) {
        Group group = stores.groups().byFolder(folder).orElse(null);
        if (group == null) {
            return false;
        }
        boolean fed = false;
        for (DueTask t = dueTasks.pollShared(folder).orElse(null); t != null; t = dueTasks.pollShared(folder).orElse(null)) {
            fed |= handOver(folder, batches, to, startTaskBatch(group, t, batches.fedThrough()), taskPrompt(t));
        }
        List<StoredMessage> fresh = unanswered(group, batches.fedThrough());
        if (triggers(group, fresh)) {
            fed |= handOver(folder, batches, to, startBatch(group, fresh),
                    prompt(group, fresh));
        }
        return fed;
    }

    /** Writes one batch into the live sandbox's input; false (and the batch failed) if that was impossible. */
    private boolean handOver(String folder, Batches batches, Handover to, Batches.Batch b, String text) {
        batches.add(b);
        to.proxy().beginRun(b.runId()); // its budgets apply from the first call after the agent reads it
        try {
            var message = new AgentInput.Message(text, b.runId());
            to.input().write(IpcFiles.newName(), Json.MAPPER.writerFor(AgentInput.class).writeValueAsBytes(message));
        } catch (IOException e) {
            batches.drop(b);
            stores.ledger().fail(b.runId(), "could not hand the messages to the sandbox: " + e.getMessage());
            log.warn("cannot feed group {}: {}", folder, e.getMessage());
            if (b.task() != null) {
                endings.taskFailed(b.task(), "could not hand the task to the sandbox: " + e.getMessage());
            }
            return false;
        }
        stores.ledger().copyIsolation(batches.firstRunId(), b.runId());
        to.requests().newBatch();
        log.info("fed {} to the live sandbox of group {} as run {}", b.task() == null ? "messages" : "task " + b.task().taskId(),
                folder, b.runId());
        return true;
    }

    private static void closeQuietly(AutoCloseable proxy, String folder) {
        try {
            proxy.close();
        } catch (Exception e) {
            log.warn("closing the proxy of group {} failed: {}", folder, e.toString());
        }
    }
}
