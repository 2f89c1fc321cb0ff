package dev.pincer.protocol;

/**
 * Error types the host's egress proxy answers on the LLM route itself, in the provider's error shape
 * ({@code {"error": {"type": ..., "message": ...}}}), so the agent can tell them from the provider's.
 */
public final class LlmErrors {
    private LlmErrors() {}

    /**
     * A budget the host enforces is spent (run tokens, model calls per run, daily tokens or daily
     * cost; docs/DESIGN.md section 6). Sent with status 429 but never worth retrying: the same call
     * is refused again until a new run or a new day.
     */
    public static final String BUDGET_EXCEEDED = "budget_exceeded";

    /**
     * The proxy could not connect to the provider (status 502): retried like any 502, then told to
     * the user as "could not reach the model API" with the upstream setting to check, not as an
     * error of the provider.
     */
    public static final String UPSTREAM_UNREACHABLE = "upstream_unreachable";
}
