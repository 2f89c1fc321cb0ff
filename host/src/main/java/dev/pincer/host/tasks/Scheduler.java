package dev.pincer.host.tasks;

import dev.pincer.host.events.EventBus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks when they are due. One thread sleeps until the earliest {@code next_run} and is
 * woken early by {@link #wake} whenever a task changes; there is no fixed polling. A due task is
 * claimed in the store before it is handed on (see {@link TaskStore#claim}), so however many ticks
 * or schedulers race, each due run is handed to exactly one {@code Consumer<DueTask>}.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
    /** How long to wait before trying again after the store failed. */
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final TaskStore store;
    private final ZoneId zone;
    private final SchedulerClock clock;
    private final EventBus events;
    private final Consumer<DueTask> due;
    private final Wakeup wakeup = new Wakeup();
    private volatile boolean closed;
    private Thread thread;

    /**
     * @param due receives each claimed run, on the scheduler thread; it must not block (queue the run
     *            and return). If it throws, the run is recorded as failed.
     */
    public Scheduler(TaskStore store, ZoneId zone, SchedulerClock clock, EventBus events, Consumer<DueTask> due) {
        this.store = Objects.requireNonNull(store, "store");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
        this.due = Objects.requireNonNull(due, "due");
    }

    /** Starts the scheduler thread. Call {@link #recoverUnfinished} first. */
    public synchronized Scheduler start() {
        if (thread != null || closed) {
            throw new IllegalStateException("a scheduler starts once");
        }
        thread = Thread.ofPlatform().name("pincer-scheduler").daemon().start(this::loop);
        return this;
    }

    /** Makes the scheduler re-read the tasks now (call after any change). Never blocks. */
    public void wake() {
        wakeup.raise();
    }

    /**
     * Claims every task due now and hands each claimed run on; returns them. The scheduler thread
     * calls this; tests may call it directly, from any number of threads.
     */
    public List<DueTask> tick() {
        Instant now = clock.now();
        List<DueTask> claimed = new ArrayList<>();
        for (Task t : store.due(now)) {
            claim(t, now).ifPresent(d -> {
                claimed.add(d);
                handOver(d);
            });
        }
        return claimed;
    }

    /**
     * Deals with runs left {@code running} by a Pincer that stopped (crash, kill, power loss), so no
     * claimed run is lost: each is marked failed and retried once as a new run, handed over now. A
     * run that was itself such a retry, or whose task was since paused or cancelled, is only marked
     * failed. Returns the retries handed over (on the calling thread).
     *
     * <p>Call once at start-up, before {@link #start}: every run still marked running is taken for
     * one a stopped process left behind, so calling this while another scheduler on the same
     * database has runs in progress would run those twice. (Two recoveries racing each other do
     * retry a run once: the retry is claimed like a due run.)
     */
    public List<DueTask> recoverUnfinished() {
        Instant now = clock.now();
        List<DueTask> retried = new ArrayList<>();
        for (TaskRun r : store.running()) {
            Optional<Task> task = store.get(r.taskId());
            boolean retry = r.retryOf() == null && task.isPresent()
                    && (task.get().isActive() || Task.DONE.equals(task.get().status()));
            if (!retry) {
                String why = r.retryOf() == null ? "Pincer stopped during the run; the task is no longer active"
                        : "Pincer stopped during the run, which was already a retry; not retried again";
                if (store.fail(r.id(), why)) {
                    log.warn("task {} run {}: {}", r.taskId(), r.id(), why);
                    events.publish("task", Map.of("id", r.taskId(), "folder", task.map(Task::groupFolder).orElse(""),
                            "state", "finished", "runId", r.id(), "status", TaskRun.ERROR));
                }
                continue;
            }
            Task t = task.get();
            String runId = UUID.randomUUID().toString();
            if (store.retry(r.id(), "Pincer stopped during the run; retried as run " + runId, runId, now)) {
                log.warn("task {} run {} did not finish before Pincer stopped; retrying it as run {}", t.id(), r.id(), runId);
                DueTask d = new DueTask(t.id(), runId, t.groupFolder(), t.chatJid(), t.spec(), r.startedAt());
                events.publish("task", event(t, "due", Map.of("runId", runId, "retryOf", r.id(), "due", r.startedAt().toString())));
                retried.add(d);
                handOver(d);
            }
        }
        return retried;
    }

    private void loop() {
        while (!closed) {
            try {
                tick();
                Optional<Instant> next = store.earliestNextRun();
                if (!closed) {
                    clock.await(wakeup, next.orElse(null));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("the scheduler failed to read or claim tasks; trying again in {} s", RETRY.toSeconds(), e);
                try {
                    clock.await(wakeup, clock.now().plus(RETRY));
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private Optional<DueTask> claim(Task t, Instant now) {
        Schedule schedule;
        try {
            schedule = Schedule.of(t.spec().scheduleType(), t.spec().scheduleValue(), zone);
        } catch (IllegalArgumentException e) {
            // Only a hand-edited database gets here: the service validates every schedule it stores.
            log.error("task {} has an invalid schedule and is paused: {}", t.id(), e.getMessage());
            store.modify(t.id(), x -> x.isActive() && t.times().nextRun().equals(x.times().nextRun()) ? x.withStatus(Task.PAUSED, x.times().nextRun()) : x);
            events.publish("task", event(t, "paused", Map.of("reason", e.getMessage())));
            return Optional.empty();
        }
        Instant next = schedule.nextAfter(t.times().nextRun(), now).orElse(null);
        String runId = UUID.randomUUID().toString();
        if (!store.claim(t.id(), t.times().nextRun(), next, runId, now)) {
            return Optional.empty();
        }
        DueTask d = new DueTask(t.id(), runId, t.groupFolder(), t.chatJid(), t.spec(), t.times().nextRun());
        log.info("task {} of group {} is due (due {}, next {})", t.id(), t.groupFolder(), t.times().nextRun(), next);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("runId", runId);
        extra.put("due", t.times().nextRun().toString());
        extra.put("nextRun", next == null ? null : next.toString());
        events.publish("task", event(t, "due", extra));
        return Optional.of(d);
    }

    private void handOver(DueTask d) {
        try {
            due.accept(d);
        } catch (RuntimeException e) {
            log.error("task {} run {} could not be queued", d.taskId(), d.runId(), e);
            store.finishRun(d.runId(), false, 0, "could not be queued: " + e.getMessage(), null);
            events.publish("task", Map.of("id", d.taskId(), "folder", d.groupFolder(), "state", "finished",
                    "runId", d.runId(), "status", TaskRun.ERROR));
        }
    }

    static Map<String, Object> event(Task t, String state, Map<String, Object> extra) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", t.id());
        e.put("folder", t.groupFolder());
        e.put("state", state);
        e.putAll(extra);
        return e;
    }

    /**
     * Stops the thread (it finishes a tick in progress; it is not interrupted, so no database call is
     * cut short). Runs already handed over are not affected.
     */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            t = thread;
        }
        wakeup.raise();
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
