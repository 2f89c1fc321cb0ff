package dev.pincer.host.cockpit;

import dev.pincer.host.config.Config;
import dev.pincer.host.spend.Budgets;
import dev.pincer.host.store.AuditLog;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.OutboxStore;
import dev.pincer.host.store.RunLedger;
import dev.pincer.host.store.RunSteps;
import dev.pincer.host.store.UsageStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the dashboard pages read, and the few things they do (stop a run, retry the outbox). Every
 * answer is built from the store and the running parts' own state; nothing here is cached.
 *
 * @param config the settings ({@link #settings()} shows only what is not secret; {@code Config} masks
 *               its secrets in its own toString)
 */
public record Cockpit(Config config, Stores stores, Controls controls, Identity identity) {

    /** The stores the pages read. */
    public record Stores(MessageStore messages, RunLedger runs, RunSteps steps, AuditLog audit, OutboxStore outbox,
                         UsageStore usage) {}

    /** What this Pincer is: its version, the assistant's name, when it started, its sandbox runtime. */
    public record Identity(String version, String assistant, Instant startedAt, String sandbox) {}

    /**
     * One run with its tool calls, what the proxy metered for it (calls, tokens, cost) and the end
     * of its sandbox's log (null when there is none for this run).
     */
    public record RunDetail(RunLedger.Run run, List<RunSteps.ToolCall> tools, UsageStore.Totals metered, String log) {}

    /** Usage per group and day, oldest first, and the budgets it counts against. */
    public record UsageReport(LocalDate from, LocalDate to, List<UsageStore.GroupDay> days, Budgets budgets) {}

    /**
     * A reply in the outbox and its state: {@code delivered}, {@code pending} (not tried yet or on its
     * way), {@code failing} (tried and failed, retried with backoff) or {@code parked} (no channel
     * serves its chat; it waits for one).
     */
    public record OutboxItem(OutboxStore.Entry reply, String state) {}

    /** What {@code GET /api/status} shows. */
    public Map<String, Object> status() {
        Map<String, String> sandboxes = controls.sandboxes();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("version", identity.version());
        s.put("assistant", identity.assistant());
        s.put("startedAt", identity.startedAt().toString());
        s.put("sandbox", identity.sandbox());
        s.put("activeRuns", folders(sandboxes, "running"));
        s.put("warmGroups", folders(sandboxes, "warm"));
        s.put("liveSandboxes", sandboxes.entrySet().stream().filter(e -> !e.getValue().equals("waiting"))
                .map(Map.Entry::getKey).sorted().toList());
        s.put("waitingGroups", folders(sandboxes, "waiting"));
        s.put("messages", stores.messages().count());
        s.put("usage", stores.runs().totals());
        s.put("usageToday", today());
        s.put("egress", stores.audit().countsByVerdict("egress"));
        s.put("channels", controls.channels());
        return s;
    }

    private static List<String> folders(Map<String, String> sandboxes, String state) {
        return sandboxes.entrySet().stream().filter(e -> e.getValue().equals(state)).map(Map.Entry::getKey).toList();
    }

    private Map<String, UsageStore.Totals> today() {
        LocalDate day = LocalDate.now(config.assistant().zone());
        Map<String, UsageStore.Totals> out = new LinkedHashMap<>();
        stores.usage().daily(day, day).forEach(d -> out.put(d.folder(), d.totals()));
        return out;
    }

    /** The state of a group's sandbox: running, warm, closing, waiting or idle (none). */
    public String sandbox(String folder) {
        return controls.sandboxes().getOrDefault(folder, "idle");
    }

    /** Stops the group's working run; false when nothing runs there. */
    public boolean stop(String folder) {
        return controls.stop(folder);
    }

    /** The most recent runs, newest first, of one group and status when given (null: any). */
    public List<RunLedger.Run> runs(String folder, String status, int limit) {
        return stores.runs().recent(folder, status, limit);
    }

    public Optional<RunDetail> run(String runId) {
        return stores.runs().byId(runId).map(r -> new RunDetail(r, stores.steps().of(runId), stores.usage().run(runId),
                RunLogs.tail(config.layout(), r.folder(), runId)));
    }

    /** Usage of the last {@code days} days (today included), in the assistant's time zone. */
    public UsageReport usage(int days) {
        LocalDate to = LocalDate.now(config.assistant().zone());
        LocalDate from = to.minusDays(Math.max(1, days) - 1L);
        return new UsageReport(from, to, stores.usage().daily(from, to), config.llm().spending().budgets());
    }

    public List<AuditLog.Entry> audit(String kind, String verdict, int limit) {
        return stores.audit().recent(kind, verdict, limit);
    }

    public List<String> auditKinds() {
        return stores.audit().kinds();
    }

    /** The most recent replies (only those that wait, when {@code waiting}), newest first. */
    public List<OutboxItem> outbox(boolean waiting, int limit) {
        Set<Long> parked = controls.parked();
        return stores.outbox().recent(waiting, limit).stream().map(e -> new OutboxItem(e,
                e.times().deliveredAt() != null ? "delivered" : parked.contains(e.id()) ? "parked"
                        : e.progress().attempts() > 0 ? "failing" : "pending")).toList();
    }

    /** Every waiting reply is tried again now. */
    public void retryOutbox() {
        controls.retryOutbox();
    }

    public List<dev.pincer.host.chatapps.ChannelStatus> channels() {
        return controls.channels();
    }

    /** The settings the web app may show: nothing secret (no key, token or password), no path into the home's secrets. */
    public Map<String, Object> settings() {
        return SafeSettings.of(config);
    }
}
