package dev.pincer.host.spend;

import java.time.LocalDate;
import java.util.Locale;

/**
 * A budget found spent when a model call was about to go out: which one, how much was used and what
 * the limit is, in the words each audience gets (the agent and the audit log, the chat, the main group).
 */
record Overrun(Budgets.Kind kind, String folder, LocalDate day, String used, String limit) {

    static Overrun tokens(Budgets.Kind kind, String folder, LocalDate day, long used, long limit) {
        return new Overrun(kind, folder, day, count(used), count(limit));
    }

    static Overrun dollars(String folder, LocalDate day, double used, double limit) {
        return new Overrun(Budgets.Kind.DAILY_COST, folder, day, usd(used), usd(limit));
    }

    /** The error the agent gets instead of the model's answer (and the audit log's reason). */
    String forAgent() {
        return "budget exceeded: " + switch (kind) {
            case RUN_TURNS -> "this run already made " + calls(used) + ", the limit per run is " + limit;
            case RUN_TOKENS -> "this run used " + used + " tokens, its budget is " + limit;
            case DAILY_TOKENS -> "group " + folder + " used " + used + " tokens on " + day + ", its daily budget is " + limit;
            case DAILY_COST -> "group " + folder + " spent " + used + " on " + day + ", its daily budget is " + limit;
        } + " (" + kind.setting() + "); further model calls are refused";
    }

    /** The one short message of a run to its chat. */
    String forChat() {
        return "I had to stop: " + switch (kind) {
            case RUN_TURNS -> "this answer reached its limit of " + calls(limit);
            case RUN_TOKENS -> "this answer used " + used + " tokens, over its budget of " + limit;
            case DAILY_TOKENS -> "today's token budget for this chat is used up (" + used + " of " + limit
                    + " tokens); it starts again tomorrow";
            case DAILY_COST -> "today's spending budget for this chat is used up (" + used + " of " + limit
                    + "); it starts again tomorrow";
        } + " (" + kind.setting() + ").";
    }

    /** The main group's notice, once per group per day. */
    String forMain() {
        return "Budget notice: group " + folder + " was stopped on " + day + " by " + kind.setting()
                + " (" + used + " used, limit " + limit + "). I tell you once a day per group.";
    }

    private static String calls(String n) {
        return n + (n.equals("1") ? " model call" : " model calls");
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String usd(double d) {
        return String.format(Locale.ROOT, "$%.2f", d);
    }
}
