package dev.pincer.host.tasks;

import dev.pincer.host.config.GroupFolder;
import dev.pincer.host.events.EventBus;
import dev.pincer.host.store.Database;
import dev.pincer.protocol.Usage;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the host tools, the CLI and the web API do with tasks. Every change is validated here,
 * published as a {@code task} event and wakes the scheduler. Authorization is the caller's job:
 * {@link Task#groupFolder()} says whose a task is.
 *
 * <p>Every refusal is an {@link IllegalArgumentException} whose message is written to be shown to
 * the agent or the user as is: bad input throws it directly, an unknown id throws the subclass
 * {@link NotFound}, a change the task's state does not allow (resuming a cancelled task) the
 * subclass {@link Refused}. Nothing is changed when a call throws.
 */
public final class TaskService implements TaskControl {

    /** No task (or task run) has the given id. */
    public static final class NotFound extends IllegalArgumentException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The task's state does not allow the change (it is cancelled or done). */
    public static final class Refused extends IllegalArgumentException {
        public Refused(String message) {
            super(message);
        }
    }

    /** The longest result or error kept per run; longer text is cut. */
    static final int MAX_RESULT_CHARS = 64 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TaskStore store;
    private final ZoneId zone;
    private final SchedulerClock clock;
    private final EventBus events;
    private final Runnable onChange;
    private final TaskLimits limits;

    /**
     * @param onChange called after every change, normally {@code scheduler::wake}
     * @param limits   what a new or changed task may ask for
     */
    public TaskService(TaskStore store, ZoneId zone, SchedulerClock clock, EventBus events, Runnable onChange,
                       TaskLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.store = Objects.requireNonNull(store, "store");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
    }

    /**
     * The tasks of {@code db} for a process without a scheduler ({@code ./pincer tasks}): there is
     * nothing to wake, and no one listens to its events; a running Pincer sees the changes at its
     * scheduler's next look at the store.
     */
    public static TaskService withoutScheduler(Database db, ZoneId zone, TaskLimits limits) {
        return new TaskService(new TaskStore(db), zone, SchedulerClock.system(), new EventBus(), () -> {}, limits);
    }

    /**
     * Creates an active task; its first run is the schedule's first due time after now. Throws
     * {@link TaskLimits.Exceeded} when it would run too often or its group has too many tasks.
     */
    @Override
    public Task schedule(String groupFolder, String chatJid, String prompt, String scheduleType, String scheduleValue,
                         String contextMode) {
        GroupFolder.check(groupFolder);
        requireText(chatJid, "chat");
        requireText(prompt, "prompt");
        checkContextMode(contextMode);
        Instant now = clock.now();
        Schedule schedule = Schedule.parse(scheduleType, scheduleValue, zone, now);
        limits.checkSpacing(schedule, now);
        for (int attempt = 0; attempt < 20; attempt++) {
            Task t = new Task(newId(), groupFolder, chatJid,
                    new Task.Spec(prompt, schedule.type(), scheduleValue.strip(), contextMode), Task.ACTIVE,
                    new Task.Times(schedule.first(now), null, now.truncatedTo(ChronoUnit.MILLIS)));
            switch (store.insert(t, limits.maxPerGroup())) {
                case INSERTED -> {
                    changed(t, "created");
                    return t;
                }
                case GROUP_FULL -> throw limits.full(groupFolder);
                case ID_TAKEN -> { } // try another id
            }
        }
        throw new IllegalStateException("could not find a free task id; try again");
    }

    @Override
    public List<Task> list(Optional<String> groupFolder) {
        return store.list(groupFolder);
    }

    @Override
    public Optional<Task> find(String id) {
        return store.get(id);
    }

    /** The task {@code id}; throws {@link NotFound} when there is none. */
    public Task get(String id) {
        return store.get(id).orElseThrow(() -> notFound(id));
    }

    /** Stops a task from running until {@link #resume}d. Pausing a paused task changes nothing. */
    @Override
    public Task pause(String id) {
        return modify(id, "paused", x -> {
            requireNotFinished(x, "paused");
            return x.withStatus(Task.PAUSED, x.times().nextRun());
        });
    }

    /**
     * Lets a paused task run again, from its next slot after now (runs missed while paused are not
     * made up; a {@code once} task whose time passed while paused runs now). Resuming an active task
     * changes nothing.
     */
    @Override
    public Task resume(String id) {
        Instant now = clock.now();
        return modify(id, "resumed", x -> {
            requireNotFinished(x, "resumed");
            if (x.isActive()) {
                return x;
            }
            Schedule s = Schedule.of(x.spec().scheduleType(), x.spec().scheduleValue(), zone);
            Instant next = x.times().nextRun() != null && x.times().nextRun().isAfter(now) ? x.times().nextRun()
                    : s instanceof Schedule.Once ? now.truncatedTo(ChronoUnit.MILLIS)
                    : s.nextAfter(x.times().nextRun() == null ? now : x.times().nextRun(), now).orElseThrow();
            return x.withStatus(Task.ACTIVE, next);
        });
    }

    /**
     * Makes an active task due now and wakes the scheduler (without one, the next start runs it); a
     * recurring task then continues from its next slot. Paused, cancelled and done tasks are refused.
     */
    public Task runNow(String id) {
        Instant now = clock.now().truncatedTo(ChronoUnit.MILLIS);
        return modify(id, "due-now", x -> {
            requireNotFinished(x, "run");
            if (!x.isActive()) {
                throw new Refused("task " + id + " is paused; resume it first, then run it");
            }
            return x.withStatus(Task.ACTIVE, now);
        });
    }

    /** Ends a task for good. Cancelling a cancelled task changes nothing; a done task cannot be cancelled. */
    @Override
    public Task cancel(String id) {
        return modify(id, "cancelled", x -> {
            if (Task.DONE.equals(x.status())) {
                throw new Refused("task " + id + " has already run and is done; nothing to cancel");
            }
            return x.withStatus(Task.CANCELLED, null);
        });
    }

    /**
     * Changes what is given (null: keep). A new schedule (type and/or value) is validated as for a
     * new task (including {@link TaskLimits#minInterval}) and restarts from now; changing the type
     * needs a value too. Paused tasks stay paused.
     */
    @Override
    public Task update(String id, String prompt, String scheduleType, String scheduleValue, String contextMode) {
        if (prompt == null && scheduleType == null && scheduleValue == null && contextMode == null) {
            throw new IllegalArgumentException("nothing to change: give prompt, schedule_type, schedule_value or context_mode");
        }
        if (prompt != null) {
            requireText(prompt, "prompt");
        }
        if (contextMode != null) {
            checkContextMode(contextMode);
        }
        Instant now = clock.now();
        return modify(id, "updated", x -> {
            requireNotFinished(x, "updated");
            String type = scheduleType == null ? x.spec().scheduleType() : scheduleType;
            if (scheduleType != null && scheduleValue == null && !scheduleType.equals(x.spec().scheduleType())) {
                throw new IllegalArgumentException("schedule_value is required when schedule_type changes");
            }
            String value = scheduleValue == null ? x.spec().scheduleValue() : scheduleValue.strip();
            Instant next = x.times().nextRun();
            if (scheduleType != null || scheduleValue != null) {
                Schedule schedule = Schedule.parse(type, value, zone, now);
                limits.checkSpacing(schedule, now);
                next = schedule.first(now);
            }
            Task.Spec spec = new Task.Spec(prompt == null ? x.spec().prompt() : prompt, type, value,
                    contextMode == null ? x.spec().contextMode() : contextMode);
            return x.with(spec, x.status(), next);
        });
    }

    /** The latest runs of a task, newest first. */
    public List<TaskRun> runs(String taskId, int limit) {
        get(taskId);
        return store.runs(taskId, limit);
    }

    /**
     * Records how a run the scheduler handed over ended. {@code resultOrError} is the run's output
     * when {@code ok}, else the error (cut to {@value #MAX_RESULT_CHARS} characters). Returns false
     * when the run had already ended; throws {@link NotFound} for an unknown run id.
     */
    public boolean recordRunEnd(String runId, boolean ok, long durationMs, String resultOrError, Usage usage) {
        TaskRun run = store.run(runId).orElseThrow(() -> new NotFound("no task run with id '" + runId + "'"));
        String text = resultOrError != null && resultOrError.length() > MAX_RESULT_CHARS
                ? resultOrError.substring(0, MAX_RESULT_CHARS) + " [cut]" : resultOrError;
        if (!store.finishRun(runId, ok, durationMs, text, usage)) {
            return false;
        }
        String folder = store.get(run.taskId()).map(Task::groupFolder).orElse("");
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", run.taskId());
        e.put("folder", folder);
        e.put("state", "finished");
        e.put("runId", runId);
        e.put("status", ok ? TaskRun.OK : TaskRun.ERROR);
        e.put("durationMs", Math.max(0, durationMs));
        events.publish("task", e);
        return true;
    }

    /** Every task with its latest {@code runsPerTask} runs, as {@code GET /api/tasks} shows them. */
    public List<Map<String, Object>> overview(int runsPerTask) {
        Map<String, List<TaskRun>> runs = new LinkedHashMap<>();
        for (TaskRun r : store.latestRuns(runsPerTask)) {
            runs.computeIfAbsent(r.taskId(), k -> new java.util.ArrayList<>()).add(r);
        }
        return store.list(Optional.empty()).stream()
                .map(t -> TaskViews.task(t, runs.getOrDefault(t.id(), List.of())))
                .toList();
    }

    private Task modify(String id, String state, UnaryOperator<Task> change) {
        Task t = store.modify(id, change).orElseThrow(() -> notFound(id));
        changed(t, state);
        return t;
    }

    private void changed(Task t, String state) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("status", t.status());
        extra.put("nextRun", t.times().nextRun() == null ? null : t.times().nextRun().toString());
        events.publish("task", Scheduler.event(t, state, extra));
        onChange.run();
    }

    private static void requireNotFinished(Task t, String what) {
        if (t.isFinished()) {
            throw new Refused("task " + t.id() + " is " + t.status() + " and cannot be " + what
                    + "; schedule a new task instead");
        }
    }

    private static void requireText(String s, String name) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(name + " is required and must not be empty");
        }
    }

    private static void checkContextMode(String mode) {
        if (!Task.CONTEXT_GROUP.equals(mode) && !Task.CONTEXT_ISOLATED.equals(mode)) {
            throw new IllegalArgumentException("context_mode '" + mode + "' is not one of group, isolated");
        }
    }

    private static NotFound notFound(String id) {
        return new NotFound("no task with id '" + id + "'");
    }

    /** A short random id like {@code t-7f3a9c}. */
    static String newId() {
        byte[] b = new byte[3];
        RANDOM.nextBytes(b);
        return "t-" + HexFormat.of().formatHex(b);
    }
}
