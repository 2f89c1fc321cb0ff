package dev.pincer.host.tasks;

import java.util.List;
import java.util.Optional;

/**
 * What the host tools may do with tasks: create, list, look up and change them. Who may do it is
 * the caller's decision ({@link Task#groupFolder()} says whose a task is); an implementation only
 * does it. {@link TaskService} is the implementation.
 *
 * <p>Every refusal is an {@link IllegalArgumentException} with a message for the agent as is: a bad
 * schedule ({@code 61 * * * *}, an interval that is not a positive number, a {@code once} in the
 * past), an unknown id ({@link TaskService.NotFound}), a change the task's state does not allow
 * ({@link TaskService.Refused}). Nothing is changed when a call throws.
 */
public interface TaskControl {

    /** Creates an active task of group {@code groupFolder} whose output goes to {@code chatJid}. */
    Task schedule(String groupFolder, String chatJid, String prompt, String scheduleType, String scheduleValue,
                  String contextMode);

    /** All tasks, or those of one group, oldest first. */
    List<Task> list(Optional<String> groupFolder);

    /** The task {@code id}, or empty when there is none. */
    Optional<Task> find(String id);

    /** Stops a task from running until resumed. */
    Task pause(String id);

    /** Lets a paused task run again, from its next slot after now. */
    Task resume(String id);

    /** Ends a task for good. */
    Task cancel(String id);

    /** Changes what is given (null: keep); at least one must be given. */
    Task update(String id, String prompt, String scheduleType, String scheduleValue, String contextMode);

    /** For a host assembled without scheduled tasks: every call fails with a clear message. */
    static TaskControl unavailable() {
        return new TaskControl() {
            private UnsupportedOperationException none() {
                return new UnsupportedOperationException("scheduled tasks are not available in this Pincer");
            }

            @Override
            public Task schedule(String f, String c, String p, String t, String v, String m) {
                throw none();
            }

            @Override
            public List<Task> list(Optional<String> groupFolder) {
                throw none();
            }

            @Override
            public Optional<Task> find(String id) {
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
            public Task cancel(String id) {
                throw none();
            }

            @Override
            public Task update(String id, String prompt, String type, String value, String mode) {
                throw none();
            }
        };
    }
}
