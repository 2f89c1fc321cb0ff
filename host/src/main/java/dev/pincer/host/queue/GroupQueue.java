package dev.pincer.host.queue;

import dev.pincer.host.queue.QueueEntry.State;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sandbox per group at a time, at most {@code maxActive} of them busy, waiting groups served
 * FIFO. A busy sandbox holds a slot; when it has answered it reports {@link Lease#idle()} and
 * stays warm without a slot. A wake for a group whose sandbox is alive becomes a <em>feed</em>:
 * the sandbox's runner is signalled to hand over the new messages (a warm sandbox first takes a
 * slot again, waiting for one like any group). Before a new sandbox starts while {@code maxActive}
 * sandboxes are alive, the least recently used warm one is asked to close. A group woken while its
 * sandbox is closing runs again after it ended, so no trigger is lost. Runs happen on virtual
 * threads; {@link #wake} never blocks.
 */
public final class GroupQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupQueue.class);

    /** Runs one group's sandbox from start to exit; called on a virtual thread. */
    @FunctionalInterface
    public interface Runner {
        void run(String group, Lease lease);
    }

    private final int maxActive;
    private final Runner runner;
    private final Map<String, QueueEntry> entries = new HashMap<>();
    private final ArrayDeque<String> waiting = new ArrayDeque<>();
    private int busy;
    private long clock;
    private boolean closed;

    /** @param runner runs one group's sandbox to its end; called on a virtual thread */
    public GroupQueue(int maxActive, Runner runner) {
        if (maxActive < 1) {
            throw new IllegalArgumentException("maxActive must be at least 1");
        }
        this.maxActive = maxActive;
        this.runner = runner;
    }

    /** A runner that never goes warm: each run holds its slot until it returns. */
    public GroupQueue(int maxActive, Consumer<String> runner) {
        this(maxActive, (group, lease) -> runner.accept(group));
    }

    /** See {@link Lease#idle()}. */
    synchronized boolean idle(QueueEntry entry) {
        if (entry.state != State.BUSY) {
            return true;
        }
        if (entry.feed) {
            return false;
        }
        entry.state = closed ? State.CLOSING : State.WARM;
        entry.warmSince = ++clock;
        busy--;
        if (closed) {
            entry.signal(false);
        }
        dispatch();
        return true;
    }

    /** Asks for a run of {@code group}: new messages go to its live sandbox, else a sandbox starts when a slot is free. */
    public synchronized void wake(String group) {
        if (closed) {
            return;
        }
        QueueEntry e = entries.get(group);
        if (e == null) {
            entries.put(group, new QueueEntry(group));
            waiting.addLast(group);
        } else {
            switch (e.state) {
                case WAITING, WARM_WAITING -> { }
                case BUSY -> e.signal(true);
                case WARM -> {
                    e.state = State.WARM_WAITING;
                    e.feed = true;
                    waiting.addLast(group);
                }
                case CLOSING -> e.rerun = true;
            }
        }
        dispatch();
    }

    /**
     * The group's conversation was reset: its live sandbox, which holds the old conversation in
     * memory, is asked to close and takes no more messages, so the next message starts a fresh
     * sandbox. A busy sandbox closes after the turn it is in.
     */
    public synchronized void retire(String group) {
        QueueEntry e = entries.get(group);
        if (e == null) {
            return;
        }
        switch (e.state) {
            case WAITING, CLOSING -> { }
            case BUSY -> e.signal(false);
            case WARM, WARM_WAITING -> {
                if (waiting.remove(group)) {
                    e.rerun = true; // messages arrived for it: a fresh sandbox looks at them once this one is gone
                }
                e.feed = false;
                e.state = State.CLOSING;
                e.signal(false);
            }
        }
    }

    /**
     * The operator's Stop: the group's busy sandbox is killed at once and the batches it was working
     * on end as stopped (their runner decides what that means). Returns false when the group's
     * sandbox is not working (none, waiting for a slot, warm or closing): there is nothing to stop.
     */
    public synchronized boolean stop(String group) {
        QueueEntry e = entries.get(group);
        if (e == null || e.state != State.BUSY) {
            return false;
        }
        e.stop = true;
        e.feed = false; // messages that arrive from now on wake it again
        e.signal.run();
        return true;
    }

    /** Groups whose sandbox is busy (holds a slot). */
    public synchronized Set<String> active() {
        return groupsIn(State.BUSY);
    }

    /** Groups whose sandbox is warm: alive, idle, holding no slot. */
    public synchronized Set<String> warm() {
        return groupsIn(State.WARM, State.WARM_WAITING);
    }

    /** Groups with a sandbox alive in any state. */
    public synchronized Set<String> live() {
        return groupsIn(State.BUSY, State.WARM, State.WARM_WAITING, State.CLOSING);
    }

    /** Waits until no sandbox is live any more, at most {@code max} (less when interrupted). */
    public void awaitNoneLive(java.time.Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!live().isEmpty() && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
        }
    }

    public synchronized Set<String> waiting() {
        return new LinkedHashSet<>(waiting);
    }

    private Set<String> groupsIn(State... states) {
        Set<State> wanted = Set.of(states);
        return entries.values().stream().filter(e -> wanted.contains(e.state)).map(e -> e.group)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private void dispatch() {
        while (busy < maxActive && !waiting.isEmpty()) {
            QueueEntry e = entries.get(waiting.pollFirst());
            busy++;
            if (e.state == State.WARM_WAITING) {
                e.state = State.BUSY;
                e.signal(true);
                continue;
            }
            evictIfFull(e);
            e.state = State.BUSY;
            Lease lease = new Lease(this, e);
            Thread.ofVirtual().name("run-" + e.group).start(() -> run(e, lease));
        }
    }

    /** A new sandbox is about to start: keep the number alive near the cap by closing the least recently used warm one. */
    private void evictIfFull(QueueEntry starting) {
        long alive = entries.values().stream().filter(x -> x != starting && x.state != State.WAITING).count();
        if (alive < maxActive) {
            return;
        }
        entries.values().stream().filter(x -> x.state == State.WARM).min(Comparator.comparingLong(x -> x.warmSince))
                .ifPresent(lru -> {
                    log.info("closing the warm sandbox of group {} to make room for {}", lru.group, starting.group);
                    lru.state = State.CLOSING;
                    lru.signal(false);
                });
    }

    private void run(QueueEntry e, Lease lease) {
        try {
            runner.run(e.group, lease);
        } catch (RuntimeException ex) {
            log.error("run of group {} failed", e.group, ex);
        } finally {
            finished(e);
        }
    }

    private synchronized void finished(QueueEntry e) {
        if (e.state == State.BUSY) {
            busy--;
        }
        waiting.remove(e.group);
        entries.remove(e.group);
        if ((e.rerun || e.feed) && !closed) {
            entries.put(e.group, new QueueEntry(e.group));
            waiting.addLast(e.group);
        }
        dispatch();
    }

    /** Stops starting sandboxes and asks warm ones to close; busy ones close when they have answered. */
    @Override
    public synchronized void close() {
        closed = true;
        for (String g : waiting) {
            QueueEntry e = entries.get(g);
            if (e.state == State.WAITING) {
                entries.remove(g);
            } else {
                e.feed = false;
                e.state = State.WARM;
            }
        }
        waiting.clear();
        for (QueueEntry e : entries.values()) {
            if (e.state == State.WARM) {
                e.state = State.CLOSING;
                e.signal(false);
            }
        }
    }
}
