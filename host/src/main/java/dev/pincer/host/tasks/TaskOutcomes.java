package dev.pincer.host.tasks;

import dev.pincer.host.outbox.ReplyQueue;
import dev.pincer.protocol.Usage;
import java.util.Objects;

/**
 * How a task run ended, recorded: the run's row gets its result (or error), duration and tokens,
 * and a failed run also tells the task's chat, through the outbox, so a reminder that did not
 * happen does not go unnoticed. A successful run needs no note: the agent's reply is the message.
 */
public final class TaskOutcomes implements DueTasks.Outcome {

    private final TaskService tasks;
    private final ReplyQueue replies;

    public TaskOutcomes(TaskService tasks, ReplyQueue replies) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.replies = Objects.requireNonNull(replies, "replies");
    }

    @Override
    public void ended(DueTask task, boolean ok, String detail, Usage usage, long durationMs) {
        tasks.recordRunEnd(task.runId(), ok, durationMs, detail, usage);
        if (!ok) {
            replies.send(task.chatJid(), "The scheduled task " + task.taskId() + " failed: " + detail, null);
        }
    }
}
