package dev.pincer.host.spend;

import dev.pincer.host.proxy.LlmEndpoint;
import dev.pincer.host.proxy.LlmMeter;
import dev.pincer.host.store.UsageStore;
import dev.pincer.protocol.Usage;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One sandbox's meter: before each model call it checks the run's budgets (model calls, tokens) and
 * the group's daily ones (tokens, cost); after it, it adds what the provider reported to the run and
 * the day. A call is reserved against {@code PINCER_MAX_TURNS} when admitted, so parallel calls cannot
 * overshoot it, and given back if the upstream does not answer it. Token budgets are checked before a
 * call, so calls already in flight when one is crossed still complete. The first refusal of a run
 * tells its chat; the main group hears once per group and day.
 */
public final class SpendMeter implements LlmMeter {

    private final String folder;
    private final Spend spend;
    private String runId;
    private long runCalls;
    private long runTokens;
    private boolean told;

    SpendMeter(String folder, Spend spend) {
        this.folder = folder;
        this.spend = spend;
    }

    @Override
    public synchronized void beginRun(String id) {
        UsageStore.Totals sofar = id == null ? UsageStore.Totals.ZERO : spend.usage().run(id);
        runId = id;
        runCalls = sofar.calls();
        runTokens = sofar.tokens();
        told = false;
    }

    @Override
    public Admission admit(LlmEndpoint endpoint, String model) {
        Overrun overrun;
        boolean tellChat;
        synchronized (this) {
            overrun = overrun(endpoint);
            if (overrun == null) {
                if (endpoint.modelCall()) {
                    runCalls++;
                }
                return new Admitted(runId, endpoint, model);
            }
            tellChat = !told;
            told = true;
        }
        spend.notices().refused(overrun, tellChat);
        return new Refused(overrun.kind().setting(), overrun.forAgent());
    }

    /** The first budget a call on {@code endpoint} would break, or null. */
    private Overrun overrun(LlmEndpoint endpoint) {
        Budgets b = spend.budgets();
        LocalDate day = spend.day();
        if (endpoint.modelCall() && runCalls >= b.maxTurns()) {
            return Overrun.tokens(Budgets.Kind.RUN_TURNS, folder, day, runCalls, b.maxTurns());
        }
        if (runTokens >= b.maxRunTokens()) {
            return Overrun.tokens(Budgets.Kind.RUN_TOKENS, folder, day, runTokens, b.maxRunTokens());
        }
        if (b.dailyTokens() == 0 && b.dailyCostUsd() == 0) {
            return null;
        }
        UsageStore.Totals today = spend.usage().day(folder, day);
        if (b.dailyTokens() > 0 && today.tokens() >= b.dailyTokens()) {
            return Overrun.tokens(Budgets.Kind.DAILY_TOKENS, folder, day, today.tokens(), b.dailyTokens());
        }
        if (b.dailyCostUsd() > 0 && today.costUsd() >= b.dailyCostUsd()) {
            return Overrun.dollars(folder, day, today.costUsd(), b.dailyCostUsd());
        }
        return null;
    }

    @Override
    public void settle(Admitted call, Usage usage, boolean answered) {
        boolean modelCall = call.endpoint().modelCall();
        long tokens = new UsageStore.Totals(0, usage, 0).tokens();
        synchronized (this) {
            if (Objects.equals(call.runId(), runId)) {
                if (!answered && modelCall) {
                    runCalls--;
                }
                if (answered) {
                    runTokens += tokens;
                }
            }
        }
        if (answered && (modelCall || tokens > 0)) {
            spend.usage().add(folder, call.runId(), spend.day(),
                    new UsageStore.Totals(modelCall ? 1 : 0, usage, spend.cost(call.model(), usage)));
        }
    }
}
