package dev.pincer.cli;

import dev.pincer.host.config.Config;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.UsageStore;
import dev.pincer.protocol.Usage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./pincer usage}: model tokens and cost per group and day, as the egress proxies counted
 * them from the provider's responses ({@code usage_days}), with a total. Reads the store, so it
 * works whether Pincer runs or not.
 */
@Command(name = "usage", mixinStandardHelpOptions = true,
        description = "Show model tokens (input, output, cache) and cost per group per day.",
        footer = {"", "Examples:", "  ./pincer usage", "  ./pincer usage --group family --days 30"})
public final class UsageCommand extends PincerCommand implements Callable<Integer> {

    @Option(names = "--group", paramLabel = "FOLDER", description = "Only this group.")
    String group;

    @Option(names = "--days", paramLabel = "N", defaultValue = "7", description = "Today and the N-1 days before (default 7).")
    int days;

    @Override
    public Integer call() throws IOException {
        if (days < 1 || days > 3660) {
            throw new Fail("--days must be between 1 and 3660");
        }
        Config config = config();
        PrintWriter out = out();
        LocalDate today = LocalDate.now(config.assistant().zone());
        LocalDate from = today.minusDays(days - 1L);
        List<UsageStore.GroupDay> rows = List.of();
        if (Files.exists(config.layout().database())) {
            try (Database db = Database.open(config.layout().database())) {
                rows = new UsageStore(db).daily(from, today).stream().filter(d -> group == null || d.folder().equals(group)).toList();
            }
        }
        String span = from + " to " + today + " (" + config.assistant().zone() + ")";
        if (rows.isEmpty()) {
            out.println("No model usage recorded " + (group == null ? "" : "for group " + group + " ") + "from " + span + ".");
            return 0;
        }
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("DAY", "GROUP", "CALLS", "INPUT", "OUTPUT", "CACHE READ", "CACHE WRITE", "COST"));
        long calls = 0;
        Usage total = Usage.ZERO;
        double cost = 0;
        for (UsageStore.GroupDay d : rows) {
            table.add(row(d.day().toString(), d.folder(), d.totals()));
            calls += d.totals().calls();
            total = total.plus(d.totals().usage());
            cost += d.totals().costUsd();
        }
        table.add(row("TOTAL", "", new UsageStore.Totals(calls, total, cost)));
        Table.print(out, table);
        out.println("From " + span + ". Cost uses the built-in prices or PINCER_PRICES; models without a price count 0.");
        return 0;
    }

    private static List<String> row(String day, String folder, UsageStore.Totals t) {
        Usage u = t.usage();
        return List.of(day, folder, number(t.calls()), number(u.inputTokens()), number(u.outputTokens()),
                number(u.cacheReadTokens()), number(u.cacheWriteTokens()), String.format(Locale.ROOT, "$%.4f", t.costUsd()));
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
