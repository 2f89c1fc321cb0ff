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
 */
final class TeamRun {

    private final String folder;
    private final String runId;
    private final Instant deadline;
    private final Path dir;
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();

    TeamRun(String folder, String runId, Instant deadline, Path dir) {
        this.folder = folder;
        this.runId = runId;
        this.deadline = deadline;
        this.dir = dir;
    }

    String folder() {
        return folder;
    }

    String runId() {
        return runId;
    }

    Instant deadline() {
        return deadline;
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
        return running.get();
    }

    /** One more at work; false (nothing counted) when {@code max} are already. */
    boolean enter(int max) {
        while (true) {
            int now = running.get();
            if (now >= max) {
                return false;
            }
            if (running.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void leave() {
        running.decrementAndGet();
    }
}
