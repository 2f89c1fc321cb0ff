package dev.pincer.host.queue;

/**
 * One group's place in the {@link GroupQueue}: the state of its sandbox and what the sandbox has yet
 * to take. Guarded by the queue's lock.
 */
final class QueueEntry {

    enum State {
        WAITING,      // queued for a slot, no sandbox yet
        BUSY,         // sandbox alive and working; holds a slot
        WARM,         // sandbox alive and idle; no slot
        WARM_WAITING, // warm, with new messages, queued for a slot
        CLOSING       // asked to close; takes no more messages
    }

    final String group;
    State state = State.WAITING;
    boolean feed;
    boolean close;
    boolean rerun;
    /** The operator asked to stop the busy sandbox now; {@code stopped} once it took the request. */
    boolean stop;
    boolean stopped;
    long warmSince;
    /** The live sandbox's signal ({@link Lease#onSignal}); nothing until it registers one. */
    Runnable signal = () -> {};

    QueueEntry(String group) {
        this.group = group;
    }

    /** Leaves the sandbox something to take, new messages ({@code feed}) or a request to close, and signals it. */
    void signal(boolean feed) {
        if (feed) {
            this.feed = true;
        } else {
            close = true;
        }
        signal.run();
    }
}
