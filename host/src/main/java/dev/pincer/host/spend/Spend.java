package dev.pincer.host.spend;

import dev.pincer.host.proxy.LlmMeter;
import dev.pincer.host.store.UsageStore;
import dev.pincer.protocol.Usage;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spending across all groups: the budgets, the price table, the usage store and the notices, shared
 * by every sandbox's {@link SpendMeter}. Days are calendar days of {@code clock}'s zone ({@code TZ}).
 */
public final class Spend {
    private static final Logger log = LoggerFactory.getLogger(Spend.class);

    private final Budgets budgets;
    private final Prices prices;
    private final UsageStore usage;
    private final BudgetNotices notices;
    private final Clock clock;
    private final Set<String> unpriced = ConcurrentHashMap.newKeySet();

    /** The spend as the settings say: budgets and prices, notices to the chat and once a day to main. */
    public static Spend of(dev.pincer.host.config.Config config, UsageStore usage, dev.pincer.host.store.GroupStore groups,
                           dev.pincer.host.store.OutboxStore outbox, Runnable kick) {
        return new Spend(config.llm().spending().budgets(), Prices.load(config.llm().spending().prices()), usage,
                new BudgetNotices(usage, groups, outbox, kick), Clock.system(config.assistant().zone()));
    }

    /** @param clock the time, in the zone whose days the daily budgets count */
    public Spend(Budgets budgets, Prices prices, UsageStore usage, BudgetNotices notices, Clock clock) {
        this.budgets = Objects.requireNonNull(budgets, "budgets");
        this.prices = Objects.requireNonNull(prices, "prices");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A new meter for one sandbox of group {@code folder}. */
    public LlmMeter meter(String folder) {
        return new SpendMeter(folder, this);
    }

    /** Today's usage of every group that made a model call today, by folder. */
    public Map<String, UsageStore.Totals> today() {
        Map<String, UsageStore.Totals> out = new LinkedHashMap<>();
        LocalDate day = day();
        usage.daily(day, day).forEach(d -> out.put(d.folder(), d.totals()));
        return out;
    }

    Budgets budgets() {
        return budgets;
    }

    UsageStore usage() {
        return usage;
    }

    BudgetNotices notices() {
        return notices;
    }

    LocalDate day() {
        return LocalDate.now(clock);
    }

    /** What {@code u} of {@code model} cost; 0 for a model without a price (warned about once when a cost budget is set). */
    double cost(String model, Usage u) {
        var price = prices.of(model);
        if (price.isEmpty()) {
            if (budgets.dailyCostUsd() > 0 && unpriced.add(model)) {
                log.warn("no price is known for model {}: its calls count tokens but no cost against PINCER_DAILY_COST_USD;"
                        + " add it to the PINCER_PRICES file", model);
            }
            return 0;
        }
        return price.get().cost(u);
    }
}
