package dev.pincer.host.hosttools;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Tasks} in memory, validating like a scheduler would, for tests of the host tools. */
public final class InMemoryTasks implements Tasks {

    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private int next;

    public synchronized void put(Task t) {
        tasks.put(t.id(), t);
    }

    public synchronized void clear() {
        tasks.clear();
    }

    public synchronized Map<String, Task> snapshot() {
        return Map.copyOf(tasks);
    }

    @Override
    public synchronized Task schedule(String folder, String chatJid, String prompt, String type, String value, String mode) {
        check(type, value);
        Task t = new Task("task-" + (++next), folder, chatJid, prompt, type, value, mode, "active", Instant.now().plusSeconds(60));
        tasks.put(t.id(), t);
        return t;
    }

    @Override
    public synchronized List<Task> list(Optional<String> folder) {
        return new ArrayList<>(tasks.values().stream().filter(t -> folder.isEmpty() || folder.get().equals(t.folder())).toList());
    }

    @Override
    public synchronized Optional<Task> get(String id) {
        return Optional.ofNullable(tasks.get(id));
    }

    @Override
    public synchronized Task pause(String id) {
        return status(id, "paused");
    }

    @Override
    public synchronized Task resume(String id) {
        return status(id, "active");
    }

    @Override
    public synchronized void cancel(String id) {
        if (tasks.remove(id) == null) {
            throw new NotFound(id);
        }
    }

    @Override
    public synchronized Task update(String id, Changes c) {
        Task t = existing(id);
        String type = c.scheduleType() == null ? t.scheduleType() : c.scheduleType();
        String value = c.scheduleValue() == null ? t.scheduleValue() : c.scheduleValue();
        check(type, value);
        Task u = new Task(id, t.folder(), t.chatJid(), c.prompt() == null ? t.prompt() : c.prompt(), type, value,
                c.contextMode() == null ? t.contextMode() : c.contextMode(), t.status(), t.nextRun());
        tasks.put(id, u);
        return u;
    }

    private Task status(String id, String status) {
        Task t = existing(id);
        Task u = new Task(id, t.folder(), t.chatJid(), t.prompt(), t.scheduleType(), t.scheduleValue(), t.contextMode(),
                status, t.nextRun());
        tasks.put(id, u);
        return u;
    }

    private Task existing(String id) {
        Task t = tasks.get(id);
        if (t == null) {
            throw new NotFound(id);
        }
        return t;
    }

    private static void check(String type, String value) {
        if ("interval".equals(type) && !value.matches("[1-9][0-9]{0,17}")) {
            throw new IllegalArgumentException("interval must be a positive number of milliseconds, not '" + value + "'");
        }
        if ("cron".equals(type) && value.strip().split("\\s+").length != 5) {
            throw new IllegalArgumentException("a cron expression has 5 fields: '" + value + "'");
        }
    }
}
