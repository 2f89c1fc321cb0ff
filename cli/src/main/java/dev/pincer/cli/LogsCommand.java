package dev.pincer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.cli.api.PincerApi;
import dev.pincer.host.config.Config;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.RunLedger;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./pincer logs}: the recent runs with how each ended (and why one failed), or one run with
 * the log of its sandbox. Reads the database directly, so it works whether Pincer runs or not;
 * {@code --follow} prints the running Pincer's {@code run} events as they happen.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Show recent runs and why they failed, one run's sandbox log, or new runs as they happen.",
        footer = {"", "Examples:", "  ./pincer logs --group family", "  ./pincer logs --run 3f2a9c1e",
                "  ./pincer logs --follow"})
public final class LogsCommand extends PincerCommand implements Callable<Integer> {

    @Option(names = "--group", paramLabel = "FOLDER", description = "Only the runs of this group.")
    String group;

    @Option(names = "--run", paramLabel = "ID", description = "One run (an id or its first characters), with its sandbox log.")
    String run;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many runs to list (default 20).")
    int limit;

    @Option(names = "--follow", description = "Print runs as they start and end (needs a running Pincer); Ctrl-C stops.")
    boolean follow;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = out();
        Config config = config();
        if (follow) {
            return follow(out, config);
        }
        if (!Files.exists(config.layout().database())) {
            out.println("No runs yet (no database at " + config.layout().database() + ").");
            return 0;
        }
        try (Database db = Database.open(config.layout().database())) {
            RunLedger ledger = new RunLedger(db);
            if (run != null) {
                return one(out, config, ledger);
            }
            List<RunLedger.Run> runs = ledger.recent(Math.max(1, limit) * (group == null ? 1 : 20)).stream()
                    .filter(r -> group == null || r.folder().equals(group)).limit(Math.max(1, limit)).toList();
            if (runs.isEmpty()) {
                out.println(group == null ? "No runs yet." : "No runs of group " + group + ".");
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("RUN", "GROUP", "STARTED", "TOOK", "STATUS", "WHY"));
            for (RunLedger.Run r : runs) {
                rows.add(List.of(r.id().substring(0, 8), r.folder(), Table.time(r.startedAt(), config.assistant().zone()),
                        took(r), r.status(), Table.shorten(r.error(), 80)));
            }
            Table.print(out, rows);
            out.println("One run with its sandbox log: ./pincer logs --run <RUN>");
            return 0;
        }
    }

    private int one(PrintWriter out, Config config, RunLedger ledger) throws IOException {
        Optional<RunLedger.Run> found = ledger.recent(1000).stream().filter(r -> r.id().startsWith(run)).findFirst();
        if (found.isEmpty()) {
            err().println("pincer: no run '" + run + "' among the last 1000 runs");
            return 1;
        }
        RunLedger.Run r = found.get();
        out.println("run " + r.id() + " of group " + r.folder() + ": " + r.status()
                + (r.error() == null ? "" : " (" + r.error() + ")"));
        out.println("started " + Table.time(r.startedAt(), config.assistant().zone()) + ", took " + took(r) + ", tokens " + r.usage());
        Path dir = config.layout().home().resolve("logs/runs").resolve(r.folder());
        List<Path> logs = sandboxLogs(dir, r.id().substring(0, 8));
        if (logs.isEmpty()) {
            out.println("(no sandbox log of its own: it was fed into a sandbox started for an earlier run; see "
                    + dir + ")");
        }
        for (Path log : logs) {
            out.println("== " + log);
            out.println(Files.readString(log));
        }
        out.flush();
        return 0;
    }

    /** Prints every {@code run} event of the running Pincer until it stops. */
    private int follow(PrintWriter out, Config config) {
        if (run != null) {
            throw new Fail("--follow prints new runs as they happen; use it without --run");
        }
        PincerApi api = api();
        out.println("Following runs" + (group == null ? "" : " of group " + group) + " (Ctrl-C stops)...");
        out.flush();
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(config.assistant().zone());
        try (PincerApi.Events events = api.events()) {
            for (Optional<PincerApi.Event> e = events.next(); e.isPresent(); e = events.next()) {
                JsonNode d = e.get().data();
                if (!e.get().type().equals("run") || group != null && !group.equals(d.path("folder").asText())) {
                    continue;
                }
                String state = d.path("state").asText();
                String id = d.path("runId").asText();
                out.println(time.format(Instant.now()) + "  " + d.path("folder").asText() + "  " + id.substring(0, Math.min(8, id.length()))
                        + "  " + state + (d.has("task") ? " (task " + d.path("task").asText() + ")" : "")
                        + (d.has("error") ? ": " + Table.shorten(d.path("error").asText(), 120) : ""));
                out.flush();
            }
        }
        out.println("Pincer stopped; no more runs to follow.");
        return 0;
    }

    private static List<Path> sandboxLogs(Path dir, String idPrefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            // the run's own log, then those of the sandbox teammates it started (team-<time>-<id>-<teammate>.log)
            return files.filter(p -> p.getFileName().toString().endsWith("-" + idPrefix + ".log")
                    || p.getFileName().toString().startsWith("team-") && p.getFileName().toString().contains("-" + idPrefix + "-"))
                    .sorted(java.util.Comparator.comparing((Path p) -> p.getFileName().toString().startsWith("team-"))
                            .thenComparing(Path::getFileName)).toList();
        }
    }

    private static String took(RunLedger.Run r) {
        if (r.endedAt() == null) {
            return "-";
        }
        Duration d = Duration.between(r.startedAt(), r.endedAt());
        return d.toSeconds() >= 60 ? d.toMinutes() + " min" : d.toMillis() / 1000.0 + " s";
    }
}
