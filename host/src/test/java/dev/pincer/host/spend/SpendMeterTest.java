package dev.pincer.host.spend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.proxy.LlmEndpoint;
import dev.pincer.host.proxy.LlmMeter;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.OutboxStore;
import dev.pincer.host.store.UsageStore;
import dev.pincer.protocol.Usage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every budget, counted from settled usage in a real SQLite store, and who is told when one stops a run. */
class SpendMeterTest {
    static final String MODEL = "claude-sonnet-4-5";
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    /** A clock the test moves; days are counted in {@link #ZONE}. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2025-03-10T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path dir;
    Database db;
    GroupStore groups;
    OutboxStore outbox;
    UsageStore usage;
    final TestClock clock = new TestClock();
    final AtomicInteger kicks = new AtomicInteger();

    @BeforeEach
    void setUp() {
        open();
        groups.register(new Group("main", "web:main", "Main", new Group.Trigger("@Andy", false), true, "{}"));
        groups.register(new Group("family", "web:family", "Family", new Group.Trigger("@Andy", true), false, "{}"));
    }

    /** (Re)opens the database with fresh store objects, as a restarted Pincer would. */
    void open() {
        db = Database.open(dir.resolve("store/pincer.db"));
        groups = new GroupStore(db);
        outbox = new OutboxStore(db, new MessageStore(db));
        usage = new UsageStore(db);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    Spend spend(Budgets budgets) {
        return new Spend(budgets, Prices.builtIn(), usage, new BudgetNotices(usage, groups, outbox, kicks::incrementAndGet), clock);
    }

    /** One call through the meter: admitted and answered with {@code u}, or the refusal. */
    static LlmMeter.Admission call(LlmMeter meter, Usage u) {
        LlmMeter.Admission a = meter.admit(LlmEndpoint.MESSAGES, MODEL);
        if (a instanceof LlmMeter.Admitted ok) {
            meter.settle(ok, u, true);
        }
        return a;
    }

    static Usage tokens(long input, long output) {
        return new Usage(input, output, 0, 0);
    }

    List<String> queued(String jid) {
        return outbox.pending(100).stream().filter(p -> p.chatJid().equals(jid)).map(OutboxStore.Pending::text).toList();
    }

    @Test
    void theTurnBudgetCountsModelCallsOfTheRunAndStartsAgainWithTheNext() {
        LlmMeter meter = spend(new Budgets(1_000_000, 2, 0, 0)).meter("family");
        meter.beginRun("run-1");
        assertThat(call(meter, tokens(1, 1))).isInstanceOf(LlmMeter.Admitted.class);
        // token counting is free and no model call
        var count = meter.admit(LlmEndpoint.COUNT_TOKENS, MODEL);
        meter.settle((LlmMeter.Admitted) count, Usage.ZERO, true);
        // a call the upstream did not answer gives its turn back
        var failed = meter.admit(LlmEndpoint.MESSAGES, MODEL);
        meter.settle((LlmMeter.Admitted) failed, Usage.ZERO, false);
        assertThat(call(meter, tokens(1, 1))).isInstanceOf(LlmMeter.Admitted.class);
        var refused = call(meter, tokens(1, 1));
        assertThat(refused).isInstanceOfSatisfying(LlmMeter.Refused.class, r -> {
            assertThat(r.budget()).isEqualTo("PINCER_MAX_TURNS");
            assertThat(r.message()).isEqualTo("budget exceeded: this run already made 2 model calls, the limit per run is 2"
                    + " (PINCER_MAX_TURNS); further model calls are refused");
        });
        assertThat(usage.run("run-1").calls()).isEqualTo(2);
        meter.beginRun("run-2");
        assertThat(call(meter, tokens(1, 1))).isInstanceOf(LlmMeter.Admitted.class);
    }

    @Test
    void callsInFlightHoldTheirTurnSoParallelCallsCannotOvershoot() {
        LlmMeter meter = spend(new Budgets(1_000_000, 2, 0, 0)).meter("family");
        meter.beginRun("run-1");
        var first = meter.admit(LlmEndpoint.MESSAGES, MODEL);
        var second = meter.admit(LlmEndpoint.MESSAGES, MODEL);
        assertThat(List.of(first, second)).allMatch(a -> a instanceof LlmMeter.Admitted);
        assertThat(meter.admit(LlmEndpoint.MESSAGES, MODEL)).isInstanceOf(LlmMeter.Refused.class);
        // a call admitted for an earlier run is counted for that run, not the new one
        meter.beginRun("run-2");
        meter.settle((LlmMeter.Admitted) first, tokens(5, 5), true);
        meter.settle((LlmMeter.Admitted) second, tokens(5, 5), true);
        assertThat(usage.run("run-1").calls()).isEqualTo(2);
        assertThat(usage.run("run-1").usage()).isEqualTo(tokens(10, 10));
        assertThat(usage.run("run-1").costUsd()).isCloseTo(2 * (5 * 3 + 5 * 15) / 1e6, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(usage.run("run-2")).isEqualTo(UsageStore.Totals.ZERO);
        assertThat(call(meter, tokens(1, 1))).isInstanceOf(LlmMeter.Admitted.class);
    }

    @Test
    void theRunTokenBudgetCountsEveryKindOfToken() {
        LlmMeter meter = spend(new Budgets(100, 50, 0, 0)).meter("family");
        meter.beginRun("run-1");
        assertThat(call(meter, new Usage(20, 10, 20, 10))).isInstanceOf(LlmMeter.Admitted.class);
        assertThat(call(meter, new Usage(10, 10, 10, 10))).isInstanceOf(LlmMeter.Admitted.class);
        assertThat(call(meter, tokens(1, 1))).isInstanceOfSatisfying(LlmMeter.Refused.class, r ->
                assertThat(r.message()).contains("this run used 100 tokens, its budget is 100 (PINCER_MAX_RUN_TOKENS)"));
        meter.beginRun("run-2");
        assertThat(call(meter, tokens(1, 1))).isInstanceOf(LlmMeter.Admitted.class);
    }

    @Test
    void theDailyTokenBudgetHoldsAcrossSandboxesAndRestartsUntilTheNextDayInTz() {
        Budgets budgets = new Budgets(1_000_000, 50, 1000, 0);
        LlmMeter first = spend(budgets).meter("family");
        first.beginRun("run-1");
        assertThat(call(first, tokens(600, 0))).isInstanceOf(LlmMeter.Admitted.class);
        LlmMeter second = spend(budgets).meter("family"); // the group's next sandbox
        second.beginRun("run-2");
        assertThat(call(second, tokens(400, 0))).isInstanceOf(LlmMeter.Admitted.class);
        assertThat(call(second, tokens(1, 0))).isInstanceOfSatisfying(LlmMeter.Refused.class, r -> {
            assertThat(r.budget()).isEqualTo("PINCER_DAILY_TOKENS");
            assertThat(r.message()).contains("group family used 1,000 tokens on 2025-03-10, its daily budget is 1,000");
        });
        LlmMeter other = spend(budgets).meter("main");
        other.beginRun("run-3");
        assertThat(call(other, tokens(10, 0))).as("another group has its own day").isInstanceOf(LlmMeter.Admitted.class);

        db.close();
        open();
        LlmMeter afterRestart = spend(budgets).meter("family");
        afterRestart.beginRun("run-4");
        assertThat(call(afterRestart, tokens(1, 0))).isInstanceOf(LlmMeter.Refused.class);
        clock.now = Instant.parse("2025-03-10T22:59:59Z"); // 23:59:59 in Berlin
        assertThat(call(afterRestart, tokens(1, 0))).isInstanceOf(LlmMeter.Refused.class);
        clock.now = Instant.parse("2025-03-10T23:00:00Z"); // midnight in Berlin
        assertThat(call(afterRestart, tokens(1, 0))).isInstanceOf(LlmMeter.Admitted.class);
        assertThat(usage.day("family", LocalDate.parse("2025-03-11")).tokens()).isEqualTo(1);
        assertThat(usage.daily(LocalDate.parse("2025-03-10"), LocalDate.parse("2025-03-11")))
                .extracting(d -> d.folder() + " " + d.day() + " " + d.totals().calls() + " " + d.totals().tokens())
                .containsExactly("family 2025-03-10 2 1000", "main 2025-03-10 1 10", "family 2025-03-11 1 1");
    }

    @Test
    void theDailyCostBudgetUsesThePriceTableAndCountsUnpricedModelsAsTokensOnly() {
        Spend spend = spend(new Budgets(10_000_000, 50, 0, 1.00));
        LlmMeter meter = spend.meter("family");
        meter.beginRun("run-1");
        var unpriced = meter.admit(LlmEndpoint.MESSAGES, "my-local-model");
        meter.settle((LlmMeter.Admitted) unpriced, tokens(5_000_000, 0), true);
        assertThat(usage.day("family", LocalDate.parse("2025-03-10")).costUsd()).isZero();
        // sonnet: 3 $/MTok in, 15 out, 0.30 cache reads, 3.75 cache writes
        assertThat(call(meter, new Usage(100_000, 20_000, 1_000_000, 40_000))).isInstanceOf(LlmMeter.Admitted.class);
        assertThat(usage.day("family", LocalDate.parse("2025-03-10")).costUsd()).isCloseTo(0.3 + 0.3 + 0.3 + 0.15,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(usage.day("family", LocalDate.parse("2025-03-10")).tokens()).isEqualTo(6_160_000);
        assertThat(call(meter, tokens(1, 1))).as("$1.05 spent").isInstanceOfSatisfying(LlmMeter.Refused.class, r ->
                assertThat(r.message()).contains("group family spent $1.05 on 2025-03-10, its daily budget is $1.00"
                        + " (PINCER_DAILY_COST_USD)"));
        assertThat(spend.today()).containsOnlyKeys("family");
    }

    @Test
    void theChatHearsOncePerRunAndMainOncePerGroupAndDayEvenAfterARestart() {
        Budgets budgets = new Budgets(1_000_000, 1, 0, 0);
        LlmMeter meter = spend(budgets).meter("family");
        meter.beginRun("run-1");
        call(meter, tokens(1, 1));
        assertThat(call(meter, tokens(1, 1))).isInstanceOf(LlmMeter.Refused.class);
        assertThat(call(meter, tokens(1, 1))).isInstanceOf(LlmMeter.Refused.class);
        assertThat(queued("web:family")).containsExactly("I had to stop: this answer reached its limit of 1 model call"
                + " (PINCER_MAX_TURNS).");
        assertThat(queued("web:main")).singleElement().asString().contains("group family was stopped on 2025-03-10")
                .contains("PINCER_MAX_TURNS");
        assertThat(kicks.get()).isPositive();

        meter.beginRun("run-2");
        call(meter, tokens(1, 1));
        call(meter, tokens(1, 1));
        assertThat(queued("web:family")).hasSize(2);
        assertThat(queued("web:main")).as("main was told today already").hasSize(1);

        db.close();
        open();
        LlmMeter restarted = spend(budgets).meter("family");
        restarted.beginRun("run-3");
        call(restarted, tokens(1, 1));
        call(restarted, tokens(1, 1));
        assertThat(queued("web:family")).hasSize(3);
        assertThat(queued("web:main")).as("a restart does not repeat the notice").hasSize(1);

        clock.now = clock.now.plusSeconds(86_400);
        restarted.beginRun("run-4");
        call(restarted, tokens(1, 1));
        call(restarted, tokens(1, 1));
        assertThat(queued("web:main")).as("a new day, a new notice").hasSize(2);
    }

    @Test
    void theMainGroupsOwnRefusalIsToldInItsChatOnly() {
        LlmMeter meter = spend(new Budgets(1_000_000, 1, 0, 0)).meter("main");
        meter.beginRun("run-1");
        call(meter, tokens(1, 1));
        call(meter, tokens(1, 1));
        assertThat(queued("web:main")).containsExactly("I had to stop: this answer reached its limit of 1 model call"
                + " (PINCER_MAX_TURNS).");
    }
}
