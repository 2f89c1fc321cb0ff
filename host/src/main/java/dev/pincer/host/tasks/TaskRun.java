package dev.pincer.host.tasks;

import dev.pincer.protocol.Usage;
import java.time.Instant;

/**
 * One run of a task. {@code retryOf} names the run a stopped Pincer left unfinished when this run
 * is its retry, else null.
 *
 * @param status {@link #RUNNING}, {@link #OK} or {@link #ERROR}
 */
public record TaskRun(String id, String taskId, Instant startedAt, String status, Outcome outcome, String retryOf) {

    /**
     * How the run ended: all null (and no usage) while it runs.
     *
     * @param result the answer of a run that ended well; {@code error} why one failed
     */
    public record Outcome(Long durationMs, String result, String error, Usage usage) {}

    public static final String RUNNING = "running";
    public static final String OK = "ok";
    public static final String ERROR = "error";
}
