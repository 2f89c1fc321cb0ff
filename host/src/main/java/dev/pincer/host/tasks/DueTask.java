package dev.pincer.host.tasks;

import java.time.Instant;

/**
 * A task run the scheduler has claimed and hands over to be run: exactly one per claim.
 *
 * @param taskId      the task
 * @param runId       the {@code task_runs} row (status {@code running}); end it with {@link TaskService#recordRunEnd}
 * @param groupFolder the group the task runs in
 * @param chatJid     the chat its output goes to
 * @param spec        what the agent is asked, and in which session, as claimed
 * @param due         when the run was due (the claim may be later, e.g. after downtime); for the retry
 *                    of a run a stopped Pincer left unfinished, when that run started
 */
public record DueTask(String taskId, String runId, String groupFolder, String chatJid, Task.Spec spec, Instant due) {

    /** Whether the run starts a fresh session instead of resuming the group's. */
    public boolean isolated() {
        return spec.isolated();
    }
}
