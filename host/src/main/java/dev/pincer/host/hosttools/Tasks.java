package dev.pincer.host.hosttools;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the task host tools need from the scheduler. The host tools decide who may call what; an
 * implementation only does it. Bad schedules ({@code 61 * * * *}, an interval that is not a
 * positive number, a {@code once} in the past...) throw {@link IllegalArgumentException} with a
 * message for the agent; an unknown id throws {@link NotFound}.
 */
public interface Tasks {

    /**
     * A scheduled task as the tools show it.
     *
     * @param scheduleType  {@code cron}, {@code interval} or {@code once}
     * @param contextMode   {@code group} or {@code isolated}
     * @param status        e.g. {@code active}, {@code paused}, {@code completed}
     * @param nextRun       when it runs next, or null
     */
    record Task(String id, String folder, String chatJid, String prompt, String scheduleType, String scheduleValue,
                String contextMode, String status, Instant nextRun) {}

    /** Fields to change; null leaves a field as it is. */
    record Changes(String prompt, String scheduleType, String scheduleValue, String contextMode) {
        public boolean isEmpty() {
            return prompt == null && scheduleType == null && scheduleValue == null && contextMode == null;
        }
    }

    /** No task has this id. */
    final class NotFound extends RuntimeException {
        public NotFound(String id) {
            super("no task '" + id + "'");
        }
    }

    /** Creates a task of group {@code folder} whose output goes to {@code chatJid}. */
    Task schedule(String folder, String chatJid, String prompt, String scheduleType, String scheduleValue,
                  String contextMode);

    /** Tasks of one group, or of all when {@code folder} is empty. */
    List<Task> list(Optional<String> folder);

    Optional<Task> get(String id);

    Task pause(String id);

    Task resume(String id);

    void cancel(String id);

    Task update(String id, Changes changes);

    /** For a Pincer without a scheduler: every call fails with a clear message. */
    static Tasks unavailable() {
        return new Tasks() {
            private UnsupportedOperationException none() {
                return new UnsupportedOperationException("scheduled tasks are not available in this Pincer");
            }

            @Override
            public Task schedule(String f, String c, String p, String t, String v, String m) {
                throw none();
            }

            @Override
            public List<Task> list(Optional<String> folder) {
                throw none();
            }

            @Override
            public Optional<Task> get(String id) {
                throw none();
            }

            @Override
            public Task pause(String id) {
                throw none();
            }

            @Override
            public Task resume(String id) {
                throw none();
            }

            @Override
            public void cancel(String id) {
                throw none();
            }

            @Override
            public Task update(String id, Changes changes) {
                throw none();
            }
        };
    }
}
