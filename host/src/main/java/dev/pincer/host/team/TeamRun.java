package dev.pincer.host.team;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The teammates of one run of a group (the run whose agent started the first of them; nested
 * teammates belong to the same run): the run's id, which their model usage counts for; the time by
 * which the run must answer, which no teammate outlives; its host-only folder
 * {@code data/team/<folder>/<run id>/} with the {@code scratch/} they share and each teammate's own
 * folder (IPC, home with its transcript).
 *
 * @param started how many teammates the run has started (their ids count up)
 * @param working how many of them are at work now
 */
record TeamRun(String folder, String runId, Instant deadline, Path dir, AtomicInteger started, AtomicInteger working) {

    TeamRun(String folder, String runId, Instant deadline, Path dir) {
        this(folder, runId, deadline, dir, new AtomicInteger(), new AtomicInteger());
    }

    /** What is left of the run's time now (zero or negative: none). */
    Duration left() {
        return Duration.between(Instant.now(), deadline);
    }

    Path scratch() {
        return dir.resolve("scratch");
    }

    /** A new teammate's own folder and name within the run, e.g. {@code researcher-2}. */
    String nextId(String type) {
        return type + "-" + started.incrementAndGet();
    }

    Path dirOf(String id) {
        return dir.resolve(id);
    }

    int running() {
        return working.get();
    }

    /** One more at work; false (nothing counted) when {@code max} are already. */
    boolean enter(int max) {
        while (true) {
            int now = working.get();
            if (now >= max) {
                return false;
            }
            if (working.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void leave() {
        working.decrementAndGet();
    }
}
