package dev.pincer.agent.team;

import java.time.Duration;

/**
 * What sub-agents of one run may use; each limit, when hit, is reported to the model that asked.
 *
 * @param parallel   {@code PINCER_TEAM_PARALLEL}: sub-agents running at once in this sandbox (default 4)
 * @param depth      {@code PINCER_TEAM_DEPTH}: how deep sub-agents may nest; the main agent is depth 0 and
 *                   only a definition with {@code tasks: true} may start sub-agents of its own (default 2)
 * @param maxTurns   {@code PINCER_TEAM_MAX_TURNS}: model calls of one sub-agent (default 25)
 * @param maxTokens  {@code PINCER_TEAM_MAX_TOKENS}: tokens of one sub-agent, its own sub-agents included (default 400000)
 * @param runTimeout {@code PINCER_AGENT_TIMEOUT}: seconds one answer of the run may take (the host's limit,
 *                   default 1800); sub-agents are stopped a little before it so the parent can still answer
 */
public record TeamLimits(int parallel, int depth, int maxTurns, long maxTokens, Duration runTimeout) {
    public static final int DEFAULT_PARALLEL = 4;
    public static final int DEFAULT_DEPTH = 2;
    public static final int DEFAULT_MAX_TURNS = 25;
    public static final int DEFAULT_MAX_TOKENS = 400_000;
    public static final int DEFAULT_RUN_TIMEOUT_SECONDS = 1800;

    /** How long before the run's time limit sub-agents are stopped: a tenth of it, at most a minute. */
    public Duration margin() {
        Duration tenth = runTimeout.dividedBy(10);
        return tenth.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : tenth;
    }
}
