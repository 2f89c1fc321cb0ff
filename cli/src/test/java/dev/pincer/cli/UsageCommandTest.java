package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.store.Database;
import dev.pincer.host.store.UsageStore;
import dev.pincer.protocol.Usage;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./pincer usage}: tokens and cost per group and day from the store's {@code usage_days}, with totals. */
class UsageCommandTest {

    @TempDir Path home;

    @Test
    void showsEachGroupsDaysAndATotal() {
        assertThat(Cli.run(Cli.stopped(home), "usage").out()).startsWith("No model usage recorded from ");
        LocalDate today = LocalDate.now(ZoneId.of("UTC"));
        try (Database db = Database.open(home.resolve("store/pincer.db"))) {
            UsageStore usage = new UsageStore(db);
            usage.add("main", "r1", today, new UsageStore.Totals(2, new Usage(1200, 300, 5000, 100), 0.0123));
            usage.add("main", "r2", today, new UsageStore.Totals(1, new Usage(800, 100, 0, 0), 0.004));
            usage.add("family", "r3", today.minusDays(2), new UsageStore.Totals(1, new Usage(50, 10, 0, 0), 0.001));
            usage.add("family", "r4", today.minusDays(10), new UsageStore.Totals(9, new Usage(9, 9, 9, 9), 9));
        }
        Cli.Outcome o = Cli.run(Cli.stopped(home), "usage");
        assertThat(o.status()).as(o.all()).isZero();
        String[] lines = o.out().split("\n");
        assertThat(lines[0]).startsWith("DAY").contains("GROUP", "CALLS", "INPUT", "OUTPUT", "CACHE READ", "CACHE WRITE", "COST");
        assertThat(lines[1]).startsWith(today.minusDays(2) + "  family").contains("$0.0010");
        assertThat(lines[2]).startsWith(today + "  main").contains("3", "2,000", "400", "5,000", "100", "$0.0163");
        assertThat(lines[3]).startsWith("TOTAL").contains("4", "2,050", "410", "$0.0173");
        assertThat(o.out()).doesNotContain(today.minusDays(10).toString()).contains("From " + today.minusDays(6) + " to " + today);

        Cli.Outcome family = Cli.run(Cli.stopped(home), "usage", "--group", "family", "--days", "30");
        assertThat(family.out()).contains(today.minusDays(10).toString(), today.minusDays(2).toString()).doesNotContain("  main  ");
        assertThat(family.out().lines().filter(l -> l.startsWith("TOTAL")).findFirst().orElseThrow()).contains("10", "$9.0010");
    }
}
