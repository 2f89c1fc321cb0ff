package dev.pincer.host.spend;

/**
 * The spending limits the host enforces on every group's model calls.
 *
 * @param maxRunTokens tokens one run may use ({@code PINCER_MAX_RUN_TOKENS}; input, cache and output)
 * @param maxTurns     model calls one run may make ({@code PINCER_MAX_TURNS})
 * @param dailyTokens  tokens one group may use per day in {@code TZ} ({@code PINCER_DAILY_TOKENS}); 0: unlimited
 * @param dailyCostUsd US dollars one group may spend per day ({@code PINCER_DAILY_COST_USD}); 0: unlimited
 */
public record Budgets(long maxRunTokens, int maxTurns, long dailyTokens, double dailyCostUsd) {

    public static final int DEFAULT_MAX_RUN_TOKENS = 2_000_000;
    public static final int DEFAULT_MAX_TURNS = 50;
    public static final Budgets DEFAULT = new Budgets(DEFAULT_MAX_RUN_TOKENS, DEFAULT_MAX_TURNS, 0, 0);

    public Budgets {
        if (maxRunTokens < 1 || maxTurns < 1 || dailyTokens < 0 || !(dailyCostUsd >= 0)) {
            throw new IllegalArgumentException("budgets must be positive (daily ones 0 for unlimited)");
        }
    }

    /** The budgets a run can hit, each named by its setting. */
    public enum Kind {
        RUN_TURNS("PINCER_MAX_TURNS"),
        RUN_TOKENS("PINCER_MAX_RUN_TOKENS"),
        DAILY_TOKENS("PINCER_DAILY_TOKENS"),
        DAILY_COST("PINCER_DAILY_COST_USD");

        private final String setting;

        Kind(String setting) {
            this.setting = setting;
        }

        public String setting() {
            return setting;
        }
    }
}
