package dev.pincer.web;

import dev.pincer.host.cockpit.Cockpit;
import dev.pincer.host.store.RunLedger;
import dev.pincer.protocol.Usage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard's read-mostly endpoints (docs/API.md): {@code GET /api/runs} and
 * {@code /api/runs/{id}}, {@code /api/usage}, {@code /api/audit}, {@code /api/outbox} (and
 * {@code POST /api/outbox/retry}), {@code /api/channels} and {@code /api/settings}.
 */
final class CockpitApi {

    static final int MAX_LIMIT = 500;
    private static final Set<String> RUN_STATES = Set.of(RunLedger.RUNNING, RunLedger.OK, RunLedger.ERROR);

    private final Cockpit cockpit;

    CockpitApi(Cockpit cockpit) {
        this.cockpit = cockpit;
    }

    /** {@code ?folder=&status=&limit=}: the most recent runs, newest first. */
    Reply runs(Request r) {
        String folder = r.query().get("folder");
        String status = r.query().get("status");
        if (status != null && !status.isEmpty() && !RUN_STATES.contains(status)) {
            throw HttpError.badRequest("status must be one of running, ok, error; got '" + HttpError.shown(status) + "'");
        }
        List<Map<String, Object>> runs = cockpit.runs(blankToNull(folder), blankToNull(status), limit(r, 100)).stream()
                .map(CockpitApi::run).toList();
        return Reply.json(200, Map.of("runs", runs));
    }

    Reply run(Request r) {
        String id = r.param(0);
        if (!id.matches("[A-Za-z0-9-]{1,64}")) {
            throw HttpError.badRequest("invalid run id '" + HttpError.shown(id) + "'");
        }
        Cockpit.RunDetail d = cockpit.run(id).orElseThrow(() -> HttpError.notFound("no run '" + id + "'; GET /api/runs lists them"));
        Map<String, Object> out = run(d.run());
        out.put("tools", d.tools());
        out.put("metered", d.metered());
        out.put("log", d.log());
        return Reply.json(200, out);
    }

    static Map<String, Object> run(RunLedger.Run run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", run.id());
        m.put("folder", run.folder());
        m.put("chat", run.chatJid());
        m.put("status", run.status());
        m.put("error", run.error());
        m.put("startedAt", run.startedAt());
        m.put("endedAt", run.endedAt());
        m.put("durationMs", run.endedAt() == null ? null : Duration.between(run.startedAt(), run.endedAt()).toMillis());
        Usage u = run.usage();
        m.put("usage", u);
        m.put("tokens", u.inputTokens() + u.outputTokens() + u.cacheReadTokens() + u.cacheWriteTokens());
        return m;
    }

    /** {@code ?days=N} (1-366, default 14): tokens and cost per group per day, and the budgets. */
    Reply usage(Request r) {
        long days = r.longParam("days", 14);
        if (days < 1 || days > 366) {
            throw HttpError.badRequest("days must be 1-366");
        }
        return Reply.json(200, cockpit.usage((int) days));
    }

    /** {@code ?kind=&verdict=&limit=}: the newest entries first, and the kinds there are. */
    Reply audit(Request r) {
        return Reply.json(200, Map.of("entries", cockpit.audit(blankToNull(r.query().get("kind")),
                blankToNull(r.query().get("verdict")), limit(r, 200)), "kinds", cockpit.auditKinds()));
    }

    /** {@code ?waiting=true}: only replies not delivered yet. */
    Reply outbox(Request r) {
        boolean waiting = "true".equals(r.query().get("waiting"));
        return Reply.json(200, Map.of("replies", cockpit.outbox(waiting, limit(r, 100))));
    }

    Reply retry(Request r) {
        cockpit.retryOutbox();
        return Reply.json(202, Map.of("retrying", true));
    }

    Reply channels(Request r) {
        return Reply.json(200, Map.of("channels", cockpit.channels()));
    }

    Reply settings(Request r) {
        return Reply.json(200, Map.of("settings", cockpit.settings()));
    }

    private static int limit(Request r, int fallback) {
        long limit = r.longParam("limit", fallback);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw HttpError.badRequest("limit must be 1-" + MAX_LIMIT);
        }
        return (int) limit;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
