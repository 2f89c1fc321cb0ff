package dev.pincer.host.tasks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A latch a sleeping thread waits on and any thread can raise. A raise is never lost: raising
 * before the sleeper waits makes its next wait return at once.
 */
public final class Wakeup {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition raised = lock.newCondition();
    private boolean pending;

    /** Wakes the sleeper, or makes its next {@link #await} return at once. */
    public void raise() {
        lock.lock();
        try {
            pending = true;
            raised.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until raised or until {@code max} has passed (real time), and clears the raise.
     * Returns whether it was raised.
     */
    public boolean await(Duration max) throws InterruptedException {
        lock.lock();
        try {
            long nanos = max.toNanos();
            while (!pending && nanos > 0) {
                nanos = raised.awaitNanos(nanos);
            }
            boolean wasRaised = pending;
            pending = false;
            return wasRaised;
        } finally {
            lock.unlock();
        }
    }
}
