package dev.pincer.host.tasks;

import dev.pincer.host.events.EventBus;
import dev.pincer.host.store.Database;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A scheduler and task service over a real SQLite file, as the host wires them: the service wakes
 * the scheduler on every change; due runs land in {@link #due}.
 */
final class Rig implements AutoCloseable {

    /** Limits that never get in the way: these tests are about timing (TaskLimitsTest is about the limits). */
    static final TaskLimits ANY = new TaskLimits(java.time.Duration.ofMillis(1), Integer.MAX_VALUE);

    final Database db;
    final TaskStore store;
    final EventBus events = new EventBus();
    final List<EventBus.Event> published = new CopyOnWriteArrayList<>();
    final List<DueTask> due = new CopyOnWriteArrayList<>();
    final Scheduler scheduler;
    final TaskService service;

    Rig(Path dbFile, ZoneId zone, SchedulerClock clock) {
        this(dbFile, zone, clock, d -> {});
    }

    Rig(Path dbFile, ZoneId zone, SchedulerClock clock, Consumer<DueTask> also) {
        this(dbFile, zone, clock, also, ANY);
    }

    /**
     * @param also   called for each due run after it is recorded in {@link #due}
     * @param limits what the service lets a new or changed task ask for
     */
    Rig(Path dbFile, ZoneId zone, SchedulerClock clock, Consumer<DueTask> also, TaskLimits limits) {
        db = Database.open(dbFile);
        store = new TaskStore(db);
        events.subscribe(published::add);
        scheduler = new Scheduler(store, zone, clock, events, d -> {
            due.add(d);
            also.accept(d);
        });
        service = new TaskService(store, zone, clock, events, scheduler::wake, limits);
    }

    /** The states of published task events, in order. */
    List<String> taskEvents() {
        return published.stream().filter(e -> e.type().equals("task"))
                .map(e -> (String) ((Map<?, ?>) e.data()).get("state")).toList();
    }

    @Override
    public void close() {
        scheduler.close();
        db.close();
    }
}
