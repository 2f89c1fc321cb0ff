package dev.pincer.host.queue;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run per group at a time, at most {@code maxActive} runs overall, waiting groups served FIFO.
 * A group woken while it runs is marked pending and runs again when the current run ends, so no
 * trigger is lost. Runs happen on virtual threads; {@link #wake} never blocks.
 */
public final class GroupQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupQueue.class);

    private final int maxActive;
    private final Consumer<String> runner;
    private final Set<String> active = new HashSet<>();
    private final Set<String> pending = new HashSet<>();
    private final ArrayDeque<String> waiting = new ArrayDeque<>();
    private boolean closed;

    /** @param runner runs one group to completion; called on a virtual thread */
    public GroupQueue(int maxActive, Consumer<String> runner) {
        if (maxActive < 1) {
            throw new IllegalArgumentException("maxActive must be at least 1");
        }
        this.maxActive = maxActive;
        this.runner = runner;
    }

    /** Asks for a run of {@code group}: now if a slot is free, else after the runs ahead of it. */
    public synchronized void wake(String group) {
        if (closed) {
            return;
        }
        if (active.contains(group)) {
            pending.add(group);
        } else if (!waiting.contains(group)) {
            waiting.addLast(group);
        }
        dispatch();
    }

    public synchronized Set<String> active() {
        return Set.copyOf(active);
    }

    public synchronized Set<String> waiting() {
        return new LinkedHashSet<>(waiting);
    }

    private void dispatch() {
        while (active.size() < maxActive && !waiting.isEmpty()) {
            String group = waiting.pollFirst();
            active.add(group);
            Thread.ofVirtual().name("run-" + group).start(() -> run(group));
        }
    }

    private void run(String group) {
        try {
            runner.accept(group);
        } catch (RuntimeException e) {
            log.error("run of group {} failed", group, e);
        } finally {
            finished(group);
        }
    }

    private synchronized void finished(String group) {
        active.remove(group);
        if (pending.remove(group) && !closed) {
            waiting.addLast(group);
        }
        dispatch();
    }

    /** Stops starting runs; runs in progress finish on their own. */
    @Override
    public synchronized void close() {
        closed = true;
        waiting.clear();
        pending.clear();
    }
}
