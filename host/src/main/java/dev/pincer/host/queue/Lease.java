package dev.pincer.host.queue;

import dev.pincer.host.queue.QueueEntry.State;

/**
 * A live sandbox's link to the queue. The runner registers a signal with {@link #onSignal} and,
 * whenever it fires, takes what the queue has for it: {@link #takeFeed()} and {@link #takeClose()}.
 */
public final class Lease {
    private final GroupQueue queue;
    private final QueueEntry entry;

    Lease(GroupQueue queue, QueueEntry entry) {
        this.queue = queue;
        this.entry = entry;
    }

    /** Called (under the queue's lock, so it must not block) when there is something to take. */
    public void onSignal(Runnable signal) {
        synchronized (queue) {
            entry.signal = signal;
            if (entry.feed || entry.close || entry.stop) {
                signal.run();
            }
        }
    }

    /** True once per wake: new messages are waiting and the sandbox holds a slot to answer them. */
    public boolean takeFeed() {
        synchronized (queue) {
            if (entry.state != State.BUSY || !entry.feed) {
                return false;
            }
            entry.feed = false;
            return true;
        }
    }

    /** True once when the queue wants the sandbox to close (eviction or shutdown). */
    public boolean takeClose() {
        synchronized (queue) {
            boolean c = entry.close;
            entry.close = false;
            return c;
        }
    }

    /**
     * The sandbox answered everything it was given: it stays warm and gives up its slot.
     * Returns false, keeping the slot, if new messages arrived meanwhile (take them with
     * {@link #takeFeed()}).
     */
    public boolean idle() {
        return queue.idle(entry);
    }

    /** True once when the operator asked to stop the sandbox's work now ({@link GroupQueue#stop}). */
    public boolean takeStop() {
        synchronized (queue) {
            if (!entry.stop) {
                return false;
            }
            entry.stop = false;
            entry.stopped = true;
            return true;
        }
    }

    /** Whether the sandbox was stopped by {@link GroupQueue#stop} (it took the request). */
    public boolean stopped() {
        synchronized (queue) {
            return entry.stopped;
        }
    }

    /** The sandbox is ending with messages it never took in: run the group again once it is gone. */
    public void runAgain() {
        synchronized (queue) {
            entry.rerun = true;
        }
    }

    /**
     * The warm sandbox wants to end (idle timeout). Returns false if it must stay because new
     * messages are waiting for it; then it takes no more messages.
     */
    public boolean closing() {
        synchronized (queue) {
            if (entry.state == State.WARM) {
                entry.state = State.CLOSING;
                return true;
            }
            return entry.state == State.CLOSING;
        }
    }
}
