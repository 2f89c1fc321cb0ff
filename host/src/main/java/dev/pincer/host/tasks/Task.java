package dev.pincer.host.tasks;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A scheduled task: what the agent of {@code groupFolder} is asked and when ({@link Spec}), and
 * where the reply goes ({@code chatJid}). The one record of a task: the store, the scheduler, the
 * host tools, the CLI and the web API all use it.
 *
 * @param status {@link #ACTIVE}, {@link #PAUSED}, {@link #CANCELLED} or {@link #DONE}
 */
public record Task(String id, String groupFolder, String chatJid, Spec spec, String status, Times times) {

    /**
     * What a change may touch besides the status: the prompt, the schedule and the context mode.
     *
     * @param scheduleType {@code cron}, {@code interval} or {@code once} (see {@link Schedule})
     * @param contextMode  {@link #CONTEXT_GROUP} (resume the group's session) or {@link #CONTEXT_ISOLATED}
     */
    public record Spec(String prompt, String scheduleType, String scheduleValue, String contextMode) {
        /** Whether a run starts a fresh session instead of resuming the group's. */
        public boolean isolated() {
            return CONTEXT_ISOLATED.equals(contextMode);
        }
    }

    /** @param nextRun null when the task will not run again; {@code lastRun} null before its first run */
    public record Times(Instant nextRun, Instant lastRun, Instant createdAt) {}

    public static final String ACTIVE = "active";
    public static final String PAUSED = "paused";
    public static final String CANCELLED = "cancelled";
    public static final String DONE = "done";

    public static final String CONTEXT_GROUP = "group";
    public static final String CONTEXT_ISOLATED = "isolated";
    public static final List<String> CONTEXT_MODES = List.of(CONTEXT_GROUP, CONTEXT_ISOLATED);

    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(groupFolder, "groupFolder");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(times, "times");
    }

    public boolean isActive() {
        return ACTIVE.equals(status);
    }

    /** Cancelled and done tasks never run again and cannot be changed. */
    public boolean isFinished() {
        return CANCELLED.equals(status) || DONE.equals(status);
    }

    /** This task with what a change may touch replaced; owner, chat, last run and creation time stay. */
    Task with(Spec spec, String status, Instant nextRun) {
        return new Task(id, groupFolder, chatJid, spec, status, new Times(nextRun, times.lastRun(), times.createdAt()));
    }

    /** This task with another status, everything else kept. */
    Task withStatus(String status, Instant nextRun) {
        return with(spec, status, nextRun);
    }
}
