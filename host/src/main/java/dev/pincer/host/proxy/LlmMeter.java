package dev.pincer.host.proxy;

import dev.pincer.protocol.Usage;

/**
 * Counts what one sandbox's model calls cost and refuses calls once a budget is spent. The proxy
 * asks before it forwards a call and reports the usage the upstream answered with; the host learns
 * from the runner when a new run (a batch of messages handed to the sandbox) begins.
 */
public interface LlmMeter {

    /** The answer to {@link #admit}. */
    sealed interface Admission {}

    /**
     * The call may go out; it must be {@linkplain #settle settled} exactly once.
     *
     * @param runId the run it counts for (the run current when it was admitted), or null before any run
     */
    record Admitted(String runId, LlmEndpoint endpoint, String model) implements Admission {}

    /**
     * A budget is spent.
     *
     * @param budget  which one, e.g. {@code PINCER_DAILY_TOKENS}
     * @param message what the agent (and the audit log) are told: the budget and the numbers
     */
    record Refused(String budget, String message) implements Admission {}

    /** Whether a call of {@code model} on {@code endpoint} may go out now. */
    Admission admit(LlmEndpoint endpoint, String model);

    /**
     * An admitted call ended.
     *
     * @param usage    what the upstream reported (zero when it reported nothing)
     * @param answered whether the upstream answered it successfully (2xx); a failed call counts as no call
     */
    void settle(Admitted call, Usage usage, boolean answered);

    /** A new run starts in this sandbox: the per-run budgets start again from zero. */
    void beginRun(String runId);

    /** Counts nothing and refuses nothing (tests of the route itself). */
    LlmMeter UNMETERED = new LlmMeter() {
        @Override
        public Admission admit(LlmEndpoint endpoint, String model) {
            return new Admitted(null, endpoint, model);
        }

        @Override
        public void settle(Admitted call, Usage usage, boolean answered) {}

        @Override
        public void beginRun(String runId) {}
    };
}
