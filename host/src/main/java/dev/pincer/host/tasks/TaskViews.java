package dev.pincer.host.tasks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tasks and runs as plain maps for JSON ({@code GET /api/tasks}, host tool responses): camelCase
 * names, times as ISO-8601 in UTC, null when absent.
 */
public final class TaskViews {
    private TaskViews() {}

    public static Map<String, Object> task(Task t, List<TaskRun> lastRuns) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("groupFolder", t.groupFolder());
        m.put("chatJid", t.chatJid());
        m.put("prompt", t.spec().prompt());
        m.put("scheduleType", t.spec().scheduleType());
        m.put("scheduleValue", t.spec().scheduleValue());
        m.put("contextMode", t.spec().contextMode());
        m.put("status", t.status());
        m.put("nextRun", iso(t.times().nextRun()));
        m.put("lastRun", iso(t.times().lastRun()));
        m.put("createdAt", iso(t.times().createdAt()));
        m.put("lastRuns", lastRuns.stream().map(TaskViews::run).toList());
        return m;
    }

    public static Map<String, Object> run(TaskRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("startedAt", iso(r.startedAt()));
        m.put("durationMs", r.outcome().durationMs());
        m.put("status", r.status());
        m.put("result", r.outcome().result());
        m.put("error", r.outcome().error());
        m.put("inputTokens", r.outcome().usage().inputTokens());
        m.put("outputTokens", r.outcome().usage().outputTokens());
        m.put("cacheReadTokens", r.outcome().usage().cacheReadTokens());
        m.put("cacheWriteTokens", r.outcome().usage().cacheWriteTokens());
        return m;
    }

    private static String iso(Instant i) {
        return i == null ? null : i.toString();
    }
}
