package dev.pincer.host.tasks;

import dev.pincer.protocol.Usage;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Scheduled task runs the scheduler claimed and handed over, waiting per group for its sandbox.
 * A {@code group} task is fed to the group's live sandbox like a message; an {@code isolated}
 * one needs a fresh sandbox and waits until the live one closed.
 */
public final class DueTasks {

    /** Told how each task run ended (by the runner); {@link TaskOutcomes} records it. */
    @FunctionalInterface
    public interface Outcome {
        /** @param detail the error when {@code ok} is false, else a short note */
        void ended(DueTask task, boolean ok, String detail, Usage usage, long durationMs);
    }

    private final Map<String, ArrayDeque<DueTask>> byFolder = new HashMap<>();

    public synchronized void add(DueTask task) {
        byFolder.computeIfAbsent(task.groupFolder(), f -> new ArrayDeque<>()).addLast(task);
    }

    /** The oldest task waiting for {@code folder}. */
    public synchronized Optional<DueTask> poll(String folder) {
        return take(folder, t -> true);
    }

    /** The oldest task for {@code folder} that can join a live sandbox (context mode {@code group}). */
    public synchronized Optional<DueTask> pollShared(String folder) {
        return take(folder, t -> !t.isolated());
    }

    public synchronized boolean hasAny(String folder) {
        ArrayDeque<DueTask> q = byFolder.get(folder);
        return q != null && !q.isEmpty();
    }

    public synchronized boolean hasIsolated(String folder) {
        ArrayDeque<DueTask> q = byFolder.get(folder);
        return q != null && q.stream().anyMatch(DueTask::isolated);
    }

    private Optional<DueTask> take(String folder, Predicate<DueTask> which) {
        ArrayDeque<DueTask> q = byFolder.get(folder);
        if (q == null) {
            return Optional.empty();
        }
        for (var it = q.iterator(); it.hasNext(); ) {
            DueTask t = it.next();
            if (which.test(t)) {
                it.remove();
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
