package dev.pincer.agent.team;

import dev.pincer.protocol.Usage;

/**
 * The tokens sub-agents used for one agent loop, collected while its tool calls run and added to
 * the loop's usage after them (so the run's usage and budget include its sub-agents). Thread-safe.
 */
public final class UsageMeter {
    private Usage pending = Usage.ZERO;

    public synchronized void add(Usage usage) {
        pending = pending.plus(usage);
    }

    /** What was added since the last drain; starts again from zero. */
    public synchronized Usage drain() {
        Usage u = pending;
        pending = Usage.ZERO;
        return u;
    }
}
