package dev.pincer.host.tasks;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A clock that moves only when told to, and wakes its sleepers when it does. */
final class ManualClock implements SchedulerClock {

    private volatile Instant now;
    /** Sleeping threads' wakeups and the deadline each waits for ({@link Instant#MAX}: none). */
    private final Map<Wakeup, Instant> sleepers = new ConcurrentHashMap<>();
    private final AtomicInteger waits = new AtomicInteger();

    ManualClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant now() {
        return now;
    }

    void advance(Duration d) {
        set(now.plus(d));
    }

    void set(Instant t) {
        now = t;
        sleepers.keySet().forEach(Wakeup::raise);
    }

    @Override
    public void await(Wakeup wakeup, Instant deadline) throws InterruptedException {
        waits.incrementAndGet();
        sleepers.put(wakeup, deadline == null ? Instant.MAX : deadline);
        try {
            if (deadline == null || now.isBefore(deadline)) {
                wakeup.await(Duration.ofMinutes(5));
            }
        } finally {
            sleepers.remove(wakeup);
        }
    }

    /** The deadline of the one sleeping thread, or null when none sleeps ({@link Instant#MAX}: no deadline). */
    Instant sleepingUntil() {
        return sleepers.values().stream().findFirst().orElse(null);
    }

    /** How many times a thread started waiting. */
    int waits() {
        return waits.get();
    }
}
