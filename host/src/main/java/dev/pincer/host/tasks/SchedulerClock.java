package dev.pincer.host.tasks;

import java.time.Duration;
import java.time.Instant;

/**
 * The scheduler's time: what time it is, and how to wait for a moment. Injected so tests can move
 * time by hand (a test clock wakes its sleepers when advanced) instead of sleeping.
 */
public interface SchedulerClock {

    /** The current instant. */
    Instant now();

    /**
     * Blocks until this clock reaches {@code deadline} (null: no deadline) or {@code wakeup} is
     * raised, whichever comes first. May return early; callers re-check the time.
     */
    void await(Wakeup wakeup, Instant deadline) throws InterruptedException;

    /**
     * The system clock. A wait lasts at most {@link #LONGEST_SLEEP}: a safety net, not polling,
     * for wall-clock jumps (suspend, NTP) and for changes another process (the {@code pincer tasks}
     * command) made to the database without waking this one.
     */
    static SchedulerClock system() {
        return SystemClock.INSTANCE;
    }

    Duration LONGEST_SLEEP = Duration.ofSeconds(60);

    /** The system clock with bounded sleeps. */
    enum SystemClock implements SchedulerClock {
        INSTANCE;

        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void await(Wakeup wakeup, Instant deadline) throws InterruptedException {
            Duration wait = deadline == null ? LONGEST_SLEEP : Duration.between(now(), deadline);
            if (wait.compareTo(LONGEST_SLEEP) > 0) {
                wait = LONGEST_SLEEP;
            }
            if (!wait.isNegative() && !wait.isZero()) {
                wakeup.await(wait);
            }
        }
    }
}
