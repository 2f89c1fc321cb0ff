package dev.pincer.agent;

import dev.pincer.agent.llm.ApiException;
import dev.pincer.agent.llm.Provider;
import dev.pincer.protocol.LlmErrors;
import dev.pincer.protocol.RunFailure;
import dev.pincer.protocol.RunFailure.Kind;
import java.time.Duration;

/**
 * Why a run failed, classified for the user ({@link RunFailure}): a model call that failed for
 * good, a budget of the run that ran out, or anything else that went wrong inside the agent.
 */
final class RunFailures {
    private static final String TRY_LATER = "Try again in a few minutes.";
    private static final String SLOW_MODEL = " For a slow (local) model, raise PINCER_STREAM_STALL_SECONDS.";

    private RunFailures() {}

    /** A model call that failed for good: refused, or still failing when the retries ran out. */
    static RunFailure of(ApiException e, Provider provider) {
        String type = e.type() == null ? "" : e.type();
        int status = e.status();
        String http = status == 0 || status == 200 ? "" : " (HTTP " + status + ")";
        String said = sentence(e.getMessage());
        if (ApiException.BUDGET_EXCEEDED.equals(type)) {
            return failure(Kind.BUDGET, "The model budget is used up: " + said,
                    "Raise the budget in .env and restart Pincer, or wait until it resets.", e);
        }
        if (ApiException.STALLED.equals(type)) {
            return failure(Kind.STALLED, "The model stopped sending in the middle of its answer, also when asked again.",
                    TRY_LATER + SLOW_MODEL, e);
        }
        if (ApiException.TIMEOUT.equals(type) || status == 408 || status == 504) {
            return failure(Kind.TIMEOUT, "The model API did not answer in time" + http + ", also when asked again.",
                    TRY_LATER + SLOW_MODEL, e);
        }
        if (status == 0 || status == 502 && (e.type() == null || LlmErrors.UPSTREAM_UNREACHABLE.equals(type))) {
            return failure(Kind.MODEL_UNREACHABLE, "Could not reach the model API" + http + ".",
                    "Check the network and " + provider.upstreamSetting() + " in .env; a local model server must be running.", e);
        }
        if (status == 401 || "authentication_error".equals(type)) {
            return failure(Kind.AUTH, "The model API refused the API key" + http + ": it is wrong, expired or revoked.",
                    "Put a valid " + provider.credentialSetting() + " into .env and restart Pincer.", e);
        }
        if (status == 403 || "permission_error".equals(type)) {
            return failure(Kind.AUTH, "The model API refused access" + http + ": " + said,
                    "Check that the key in .env (" + provider.credentialSetting()
                            + ") may use this model and its account is active, then restart Pincer.", e);
        }
        if (status == 429 || "rate_limit_error".equals(type)) {
            Duration wait = e.retryAfter();
            return failure(Kind.RATE_LIMITED, "The model API's rate limit was hit" + http + " and did not clear"
                    + (wait == null || wait.toSeconds() < 1 ? " after waiting." : "; it asks to wait " + human(wait) + "."),
                    "Wait a little and try again; if it keeps happening, check the account's rate limits.", e);
        }
        if (status >= 400 && status < 500) {
            return failure(Kind.BAD_REQUEST, "The model API rejected the request" + http + ": " + said, badRequestFix(e), e);
        }
        return failure(Kind.MODEL_ERROR, "The model API kept failing" + http + ", also when asked again: " + said,
                "This is usually a passing problem of the provider. " + TRY_LATER, e);
    }

    /** The model still wanted tools when the run's limit of model calls was reached. */
    static RunFailure turnLimit(int turns) {
        return new RunFailure(Kind.TOOL_BUDGET, "I stopped after " + turns + " steps without finishing.",
                "Ask me to continue, or raise PINCER_MAX_TURNS (now " + turns + ").", "max turns (" + turns + ") reached");
    }

    /** The run used its token budget and the model still wanted to go on. */
    static RunFailure tokenLimit(long used, long limit) {
        return new RunFailure(Kind.TOOL_BUDGET, "I stopped without finishing: this answer used " + used
                + " tokens, its budget is " + limit + ".", "Ask me to continue, or raise PINCER_MAX_RUN_TOKENS.",
                "token budget reached: " + used + " of " + limit + " tokens used");
    }

    /** Anything else: a bug or an unexpected condition (the log has the stack trace). */
    static RunFailure internal(Throwable t) {
        String what = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return new RunFailure(Kind.INTERNAL, "Something went wrong inside the agent: " + cut(what),
                "Details are in the run's log (logs/runs/ under PINCER_HOME). If it keeps happening, report it.", cut(what));
    }

    private static String badRequestFix(ApiException e) {
        String m = e.getMessage().toLowerCase(java.util.Locale.ROOT);
        if (e.status() == 404) {
            return "Check the model name: PINCER_MODEL in .env, or the group's config.model.";
        }
        if (e.status() == 413 || m.contains("too long") || m.contains("context")) {
            return "Start a fresh conversation with /reset, or lower PINCER_CONTEXT_TOKENS so it is compacted earlier.";
        }
        if (m.contains("model")) {
            return "Check the model name: PINCER_MODEL in .env, or the group's config.model.";
        }
        return "If it happens again, start a fresh conversation with /reset; the log has the request's details.";
    }

    private static RunFailure failure(Kind kind, String message, String fix, ApiException e) {
        return new RunFailure(kind, message, fix, cut(e.summary()));
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s / 3600 + " h";
    }

    /** What the API said, cut short, as a sentence: the chat's message goes on after it. */
    private static String sentence(String s) {
        String t = cut(s).strip();
        return t.isEmpty() || ".!?".indexOf(t.charAt(t.length() - 1)) >= 0 ? t : t + ".";
    }

    /** At most 300 characters: the chat and the run table get a short line. */
    private static String cut(String s) {
        return s == null ? "" : s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
