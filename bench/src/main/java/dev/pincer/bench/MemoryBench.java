package dev.pincer.bench;

import dev.pincer.testkit.FakeAnthropic;
import dev.pincer.testkit.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resident memory: the host idle after start and with 100 registered groups (a fresh host each
 * run), and one sandbox's agent JVM after a 3-turn conversation (a fresh group each run).
 */
final class MemoryBench {
    private static final int GROUPS = 100;

    private MemoryBench() {}

    static void run(Context ctx, Report report) throws Exception {
        try (FakeAnthropic model = new FakeAnthropic()) {
            hostRss(ctx, model, report);
            agentRss(ctx, model, report);
        }
    }

    /** The host idle after start and with {@link #GROUPS} registered groups, a fresh host each run. */
    private static void hostRss(Context ctx, FakeAnthropic model, Report report) throws Exception {
        long settle = ctx.count(1500, 300);
        List<Double> idle = new ArrayList<>();
        List<Double> withGroups = new ArrayList<>();
        for (int i = 0; i < ctx.runs(); i++) {
            try (HostProcess host = HostProcess.start(ctx.launch(), ctx.work(), model.baseUrl(), Map.of())) {
                Thread.sleep(settle);
                idle.add(Procs.rssMiB(host.pid()));
                for (int g = 0; g < GROUPS; g++) {
                    host.registerGroup("g" + g);
                }
                Thread.sleep(settle);
                withGroups.add(Procs.rssMiB(host.pid()));
            }
            ctx.out().printf("  host RSS run %d/%d: idle %.0f MiB, %d groups %.0f MiB%n",
                    i + 1, ctx.runs(), idle.getLast(), GROUPS, withGroups.getLast());
        }
        report.add(new Row("host_rss_idle_mib", "host RSS idle after start", "MiB", Stats.of(idle), "<= 64 MB"));
        report.add(new Row("host_rss_100_groups_mib", "host RSS with " + GROUPS + " registered groups", "MiB",
                Stats.of(withGroups), "<= 96 MB"));
    }

    /** One sandbox's agent JVM after a 3-turn conversation, a fresh group each run. */
    private static void agentRss(Context ctx, FakeAnthropic model, Report report) throws Exception {
        List<Double> rss = new ArrayList<>();
        model.respondWith(r -> Reply.text("answer to: " + r.lastUserText()));
        try (HostProcess host = HostProcess.start(ctx.launch(), ctx.work(), model.baseUrl(), Map.of("PINCER_IDLE_TIMEOUT", "300"))) {
            for (int i = 0; i < ctx.runs(); i++) {
                String folder = "talk" + i;
                host.registerGroup(folder);
                for (int turn = 1; turn <= 3; turn++) {
                    host.awaitReply(folder, host.post(folder, "@Andy turn " + turn));
                }
                ProcessHandle agent = Procs.newestAgentJvm(host.pid()).orElseThrow(() -> new IllegalStateException(
                        "bench: no agent JVM found for group " + folder + " below host " + host.pid() + "; its processes: "
                        + Procs.describeDescendants(host.pid())));
                rss.add(Procs.rssMiB(agent.pid()));
                ctx.out().printf("  agent RSS run %d/%d: %.0f MiB%n", i + 1, ctx.runs(), rss.getLast());
            }
        }
        report.add(new Row("agent_rss_3_turns_mib", "agent RSS, one sandbox after a 3-turn conversation", "MiB",
                Stats.of(rss), "<= 80 MB"));
    }
}
