package dev.pincer.host.run;

import dev.pincer.host.config.Config;
import dev.pincer.host.config.Layout;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

/**
 * What every agent run needs to know from the configuration; no secrets.
 *
 * @param timeout     the longest one answer may take ({@code PINCER_AGENT_TIMEOUT})
 * @param idleTimeout how long a sandbox stays warm after it answered ({@code PINCER_IDLE_TIMEOUT})
 */
public record RunSettings(Layout layout, String assistantName, String provider, String model, Path agentJar,
                          Path javaHome, int memoryMb, Duration timeout, Duration idleTimeout, ZoneId zone,
                          java.util.Map<String, String> agentSettings) {

    public RunSettings {
        agentSettings = agentSettings == null ? java.util.Map.of() : java.util.Map.copyOf(agentSettings);
    }

    public static RunSettings from(Config c) {
        return new RunSettings(c.layout(), c.assistantName(), c.provider(), c.model(), c.agentJar(),
                Path.of(System.getProperty("java.home")), c.agentMemoryMb(), c.agentTimeout(), c.idleTimeout(), c.zone(),
                c.agentSettings());
    }

    /**
     * The wall-clock limit of a whole sandbox, a safety net the runner never reaches on purpose: a
     * sandbox takes new work only while younger than {@link #timeout}, each answer takes at most
     * {@link #timeout}, and it is closed {@link #idleTimeout} after its last answer.
     */
    public Duration sandboxLimit() {
        return timeout.multipliedBy(2).plus(idleTimeout).plus(LiveSandbox.CLOSE_GRACE).plusSeconds(60);
    }
}
