package dev.pincer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.testkit.FakeAnthropic;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ingest through the web API: concurrent clients post messages that trigger no agent into a
 * registered group; messages per second from the first POST to the last 202, and afterwards
 * every message is looked for in the chat, so a lost one is counted.
 */
final class IngestBench {
    private static final int CLIENTS = 8;

    private IngestBench() {}

    static void run(Context ctx, Report report) throws Exception {
        int perRun = ctx.count(1000, 40);
        List<Double> rates = new ArrayList<>();
        Set<String> sent = new HashSet<>();
        AtomicInteger refused = new AtomicInteger();
        try (FakeAnthropic model = new FakeAnthropic();
                HostProcess host = HostProcess.start(ctx.launch(), ctx.work(), model.baseUrl(), Map.of());
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            host.registerGroup("ingest");
            for (int run = 0; run <= ctx.runs(); run++) { // run 0 warms the web server and is not counted
                List<Future<?>> done = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    int r = run;
                    done.add(clients.submit(() -> {
                        for (int i = client; i < perRun; i += CLIENTS) {
                            try {
                                host.post("ingest", "ingest r" + r + " m" + i);
                            } catch (Exception e) {
                                refused.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                for (int i = 0; i < perRun; i++) {
                    sent.add("ingest r" + run + " m" + i);
                }
                if (run > 0) {
                    rates.add(perRun / seconds);
                }
            }
            int lost = lost(host, sent);
            ctx.out().printf("  ingest: %d messages posted, %d refused, %d not found in the chat afterwards%n",
                    sent.size(), refused.get(), lost);
            report.add(new Row("ingest_messages_per_s", "ingest through the web API (" + CLIENTS + " clients, "
                    + Runtime.getRuntime().availableProcessors() + " cores)", "msg/s", Stats.of(rates), ">= 5000 msg/s"));
            report.add(new Row("ingest_lost_messages", "ingest: messages refused or not found afterwards", "count",
                    Stats.one(lost + refused.get()), "0"));
        }
    }

    /** How many of {@code sent} are not in the chat (read page by page from the start). */
    private static int lost(HostProcess host, Set<String> sent) throws Exception {
        Set<String> missing = new HashSet<>(sent);
        long cursor = 0;
        while (true) {
            List<JsonNode> page = host.messages("ingest", cursor, 0);
            if (page.isEmpty()) {
                return missing.size();
            }
            for (JsonNode m : page) {
                missing.remove(m.get("text").asText());
                cursor = m.get("seq").asLong();
            }
        }
    }
}
