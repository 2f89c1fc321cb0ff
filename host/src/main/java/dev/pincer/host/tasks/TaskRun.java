package dev.pincer.host.tasks;

import dev.pincer.protocol.Usage;
import java.time.Instant;

/**
 * One run of a task. {@code durationMs} is null while it runs; {@code retryOf} names the run a
 * stopped Pincer left unfinished when this run is its retry, else null.
 *
 * @param status {@link #RUNNING}, {@link #OK} or {@link #ERROR}
 */
public record TaskRun(String id, String taskId, Instant startedAt, Long durationMs, String status, String result,
                      String error, Usage usage, String retryOf) {

    public static final String RUNNING = "running";
    public static final String OK = "ok";
    public static final String ERROR = "error";
}
