package dev.pincer.host.cockpit;

import dev.pincer.host.config.Config;
import dev.pincer.host.spend.Budgets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings the web app shows, picked one by one: names, sizes, limits and addresses that are
 * not secret. No key, token, password or base URL (which may carry credentials) is ever listed, and
 * nothing is copied wholesale from the environment.
 */
final class SafeSettings {
    private SafeSettings() {}

    static Map<String, Object> of(Config c) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("ASSISTANT_NAME", c.assistant().name());
        s.put("TZ", c.assistant().zone().getId());
        s.put("PINCER_HOME", c.layout().home().toString());
        s.put("PINCER_PROVIDER", c.llm().provider());
        s.put("PINCER_MODEL", c.llm().model());
        s.put("PINCER_FAST_MODEL", c.fastModel());
        s.put("credentials", c.llm().hasCredentials() ? "set" : "missing");
        s.put("PINCER_WEB", c.web().host() + ":" + c.web().port());
        s.put("PINCER_WEB_TOKEN", c.web().tokenSetting().isPresent() ? "set (not shown)" : "kept in data/web-token (not shown)");
        s.put("PINCER_WEBHOOK_ADDR", c.web().webhooks());
        s.put("PINCER_MAX_AGENTS", c.agents().max());
        s.put("PINCER_IDLE_TIMEOUT", c.agents().idleTimeout().toSeconds() + " s");
        s.put("PINCER_AGENT_TIMEOUT", c.agents().timeout().toSeconds() + " s");
        s.put("PINCER_AGENT_MEMORY_MB", c.agents().memoryMb());
        s.put("PINCER_SANDBOX", c.sandbox().runtime());
        s.put("sandbox limits", c.sandbox().limits().memoryMb() + " MB, " + c.sandbox().limits().pids() + " processes, "
                + c.sandbox().limits().cpus() + " CPUs");
        s.put("PINCER_GROUP_DISK_MB", c.sandbox().storage().groupDiskMb());
        s.put("PINCER_MIN_TASK_INTERVAL", c.assistant().tasks().minInterval().toString());
        s.put("PINCER_MAX_TASKS_PER_GROUP", c.assistant().tasks().maxPerGroup());
        Budgets b = c.llm().spending().budgets();
        s.put("PINCER_MAX_RUN_TOKENS", b.maxRunTokens());
        s.put("PINCER_MAX_TURNS", b.maxTurns());
        s.put("PINCER_DAILY_TOKENS", b.dailyTokens() == 0 ? "no limit" : b.dailyTokens());
        s.put("PINCER_DAILY_COST_USD", b.dailyCostUsd() == 0 ? "no limit" : b.dailyCostUsd());
        return s;
    }
}
