package dev.pincer.host.run;

import dev.pincer.host.events.EventBus;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.RunLedger;
import dev.pincer.host.tasks.DueTask;
import dev.pincer.host.tasks.DueTasks;
import dev.pincer.protocol.AgentOutput;
import dev.pincer.protocol.RunFailure;
import dev.pincer.protocol.Usage;
import java.util.List;
import java.util.Map;

/**
 * How the batches of a sandbox end: recorded in the run ledger, published for live views, reported
 * to a scheduled task's outcome, and — when chat messages were not answered — told in the chat
 * through {@link FailureNotices}, once per failure.
 */
public final class RunEndings {

    /** The error a stopped run is recorded with. */
    public static final String STOPPED = "stopped by the operator";

    private final RunLedger ledger;
    private final EventBus events;
    private final DueTasks.Outcome taskOutcome;
    private final FailureNotices notices;

    public RunEndings(RunLedger ledger, EventBus events, DueTasks.Outcome taskOutcome, FailureNotices notices) {
        this.ledger = ledger;
        this.events = events;
        this.taskOutcome = taskOutcome;
        this.notices = notices;
    }

    /** A result was applied: its batch and the ones before it are answered (or failed with it). */
    void answered(Group group, Batches batches, AgentOutput.Result r) {
        batches.resulted(r.ok());
        List<Batches.Batch> done = batches.answeredBatches(r.runId());
        boolean chatMessages = false;
        for (Batches.Batch b : done) {
            boolean own = b.runId().equals(r.runId());
            if (!own) {
                ledger.endWith(b.runId(), r.runId());
            }
            publish(group, b.runId(), r.ok() ? "ok" : "error", r.ok() ? null : r.error());
            if (b.task() != null) {
                taskOutcome.ended(b.task(), r.ok(), r.ok() ? "answered" : String.valueOf(r.error()),
                        own && r.usage() != null ? r.usage() : Usage.ZERO, elapsedMs(b));
            } else {
                chatMessages = true;
            }
        }
        // A spent budget was already told in the chat by the proxy's BudgetNotices, once per run.
        boolean toldByProxy = r.failure() != null && r.failure().kind() == RunFailure.Kind.BUDGET;
        if (!r.ok() && chatMessages && !toldByProxy) {
            notices.tell(group, r.runId(), r.failure() != null ? r.failure() : SandboxFailures.unexplained(r.error()));
        }
    }

    /** The sandbox is gone (or never started): the batches it did not answer failed for {@code failure}. */
    void unanswered(Group group, Batches batches, RunFailure failure) {
        String toldFor = null;
        for (Batches.Batch b : batches.unansweredBatches()) {
            if (ledger.fail(b.runId(), failure.detail())) {
                publish(group, b.runId(), "error", failure.detail());
                if (b.task() == null && toldFor == null) {
                    toldFor = b.runId();
                    notices.tell(group, b.runId(), failure);
                }
            }
            if (b.task() != null) {
                taskOutcome.ended(b.task(), false, failure.detail(), Usage.ZERO, elapsedMs(b));
            }
        }
    }

    /**
     * The sandbox ended on its own before it read these batches (they were handed over as it was
     * ending): they are not failures the chat hears about; the group's next run answers them.
     */
    void unread(Group group, Batches batches) {
        for (Batches.Batch b : batches.unansweredBatches()) {
            if (ledger.fail(b.runId(), "handed over as its sandbox ended; the next run answers these messages")) {
                publish(group, b.runId(), "error", "not read");
            }
            if (b.task() != null) {
                taskOutcome.ended(b.task(), false, "handed over as the sandbox ended", Usage.ZERO, elapsedMs(b));
            }
        }
    }

    /**
     * The operator stopped the sandbox: the batches it had not answered end as stopped, their
     * messages count as handled (they are not answered again, silently or not), and the chat is
     * told once.
     */
    void stopped(Group group, Batches batches) {
        boolean told = false;
        for (Batches.Batch b : batches.unansweredBatches()) {
            if (ledger.stop(b.runId(), STOPPED)) {
                publish(group, b.runId(), "stopped", STOPPED);
                if (b.task() == null && !told) {
                    told = true;
                    notices.stopped(group, b.runId());
                }
            }
            if (b.task() != null) {
                taskOutcome.ended(b.task(), false, STOPPED, Usage.ZERO, elapsedMs(b));
            }
        }
    }

    /** A task run that never reached a sandbox. */
    void taskFailed(DueTask task, String why) {
        taskOutcome.ended(task, false, why, Usage.ZERO, 0);
    }

    void started(Group group, String runId, DueTask task) {
        events.publish("run", task == null
                ? Map.of("folder", group.folder(), "runId", runId, "state", "started")
                : Map.of("folder", group.folder(), "runId", runId, "state", "started", "task", task.taskId()));
    }

    private void publish(Group group, String runId, String state, String error) {
        events.publish("run", error == null
                ? Map.of("folder", group.folder(), "runId", runId, "state", state)
                : Map.of("folder", group.folder(), "runId", runId, "state", state, "error", error));
    }

    private static long elapsedMs(Batches.Batch b) {
        return (System.nanoTime() - b.startedNanos()) / 1_000_000;
    }
}
