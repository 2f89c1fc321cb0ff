package dev.pincer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code bench/run}: every measure of issue 15's table against real Pincer host processes, real
 * bwrap sandboxes and a fake model that answers at once (so only Pincer's own cost is measured).
 * Prints a table with medians, p95 and the ratios to the floors measured in the same run, writes
 * the JSON to {@code bench/results/<timestamp>.json}, and with {@code --compare FILE} prints the
 * change against an earlier result. Nothing is asserted here; see docs/PERFORMANCE.md.
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        run(options, Launch.fromProperties(), System.out);
        System.exit(0); // the JDK's HTTP client threads would otherwise keep the JVM a moment longer
    }

    /** Runs every measure; the JSON file written. */
    public static Path run(Options options, Launch launch, PrintStream out) throws Exception {
        Instant started = Instant.now();
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("time", started.toString());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", Runtime.version().toString());
        machine.put("runs", options.runs());
        machine.put("smoke", options.smoke());
        machine.put("loadBefore", Procs.load());
        machine.put("jvmCache", System.getenv().getOrDefault("PINCER_JVM_CACHE", "(default)"));
        machine.put("launch", String.join(" ", launch.startCommand()));
        out.printf("Pincer bench: %d runs per measure%s, %d cores, Java %s, load %.2f%n", options.runs(),
                options.smoke() ? " (smoke)" : "", Runtime.getRuntime().availableProcessors(), Runtime.version(), Procs.load());
        Path work = Files.createTempDirectory("pincer-bench");
        Report report = new Report();
        try {
            Context ctx = new Context(launch, work, options.runs(), options.smoke(), out);
            PeerSdk peer = options.peer() ? PeerSdk.prepare(ctx, report) : null;
            if (!options.peer()) {
                report.note("peer", "not run (--no-peer, or --smoke without --peer)");
            }
            out.println("cold (every message starts a sandbox), interleaved with its floor and the peer:");
            ColdBench.run(ctx, peer, report);
            out.println("warm sandbox, final token -> visible, Bash tool round trip:");
            WarmBench.run(ctx, report);
            out.println("memory:");
            MemoryBench.run(ctx, report);
            out.println("ingest:");
            IngestBench.run(ctx, report);
            out.println("scheduler:");
            SchedulerBench.run(ctx, report);
        } finally {
            Cleanup.deleteTree(work);
        }
        machine.put("loadAfter", Procs.load());
        machine.put("seconds", (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000);
        JsonNode json = Results.toJson(report, machine);
        Table.print(json, out);
        report.notes.forEach((k, v) -> out.println("note " + k + ": " + (v instanceof Stats st
                ? String.format("median %.1f, p95 %.1f, p99 %.1f (n=%d)", st.median(), st.p95(), st.p99(), st.n()) : v)));
        Path file = Results.write(options.results(), started, json);
        out.println("\nwritten to " + file);
        if (options.compare() != null) {
            Table.compare(json, Results.read(options.compare()), options.compare().toString(), out);
        }
        return file;
    }
}
