package dev.pincer.host.tasks;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How much scheduling one group may do, so an agent (or a prompt injected into its chat) cannot
 * turn the scheduler into a loop that burns tokens, or fill the store with tasks.
 *
 * @param minInterval the shortest time between two runs of one recurring task
 *                    ({@code PINCER_MIN_TASK_INTERVAL} seconds, default 60): an interval schedule
 *                    shorter than it is refused, and so is a cron expression with two runs closer
 *                    together than it anywhere in its next {@value #RUNS_CHECKED} runs (or year)
 * @param maxPerGroup how many active and paused tasks one group may have
 *                    ({@code PINCER_MAX_TASKS_PER_GROUP}, default 50)
 */
public record TaskLimits(Duration minInterval, int maxPerGroup) {

    public static final TaskLimits DEFAULT = new TaskLimits(Duration.ofSeconds(60), 50);

    /** How many runs of a cron expression are looked at for the closest two. */
    static final int RUNS_CHECKED = 1000;
    private static final Duration HORIZON = Duration.ofDays(400);

    /** A task beyond a limit; the message says which limit and what to do instead. */
    public static final class Exceeded extends IllegalArgumentException {
        public Exceeded(String message) {
            super(message);
        }
    }

    public TaskLimits {
        if (minInterval.isNegative() || minInterval.isZero()) {
            throw new IllegalArgumentException("the minimum task interval must be positive, got " + minInterval);
        }
        if (maxPerGroup < 1) {
            throw new IllegalArgumentException("the task limit per group must be at least 1, got " + maxPerGroup);
        }
    }

    /** Throws {@link Exceeded} when {@code schedule} runs more often than {@link #minInterval}. */
    void checkSpacing(Schedule schedule, Instant now) {
        closerThanAllowed(schedule, now).ifPresent(gap -> {
            throw new Exceeded(schedule.type() + " schedule '" + schedule.value() + "' runs " + seconds(gap)
                    + " apart; the shortest time allowed between two runs is " + seconds(minInterval)
                    + " (PINCER_MIN_TASK_INTERVAL); choose a less frequent schedule");
        });
    }

    /** The first gap between two consecutive runs that is shorter than allowed, if any. */
    private Optional<Duration> closerThanAllowed(Schedule schedule, Instant now) {
        Instant horizon = now.plus(HORIZON);
        Instant run = schedule.first(now);
        for (int i = 0; i < RUNS_CHECKED && run.isBefore(horizon); i++) {
            Optional<Instant> next = schedule.nextAfter(run, run);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            Duration gap = Duration.between(run, next.get());
            if (gap.compareTo(minInterval) < 0) {
                return Optional.of(gap);
            }
            run = next.get();
        }
        return Optional.empty();
    }

    /** The refusal when group {@code folder} already has {@link #maxPerGroup} active and paused tasks. */
    Exceeded full(String folder) {
        return new Exceeded("group " + folder + " already has " + maxPerGroup + " active or paused tasks, the most"
                + " allowed (PINCER_MAX_TASKS_PER_GROUP); cancel tasks it no longer needs (list_tasks shows them)"
                + " before scheduling more");
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
