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
                          java.util.Map<String, String> agentSettings, Path mountAllowlist,
                          dev.pincer.host.sandbox.Limits sandboxLimits) {

    public RunSettings {
        agentSettings = agentSettings == null ? java.util.Map.of() : java.util.Map.copyOf(agentSettings);
        sandboxLimits = sandboxLimits == null ? dev.pincer.host.sandbox.Limits.DEFAULT : sandboxLimits;
    }

    /** Settings with the {@link dev.pincer.host.sandbox.Limits#DEFAULT default sandbox limits}. */
    public RunSettings(Layout layout, String assistantName, String provider, String model, Path agentJar,
                       Path javaHome, int memoryMb, Duration timeout, Duration idleTimeout, ZoneId zone,
                       java.util.Map<String, String> agentSettings, Path mountAllowlist) {
        this(layout, assistantName, provider, model, agentJar, javaHome, memoryMb, timeout, idleTimeout, zone,
                agentSettings, mountAllowlist, null);
    }

    /** Settings without a mount allowlist: every extra mount is refused. */
    public RunSettings(Layout layout, String assistantName, String provider, String model, Path agentJar,
                       Path javaHome, int memoryMb, Duration timeout, Duration idleTimeout, ZoneId zone,
                       java.util.Map<String, String> agentSettings) {
        this(layout, assistantName, provider, model, agentJar, javaHome, memoryMb, timeout, idleTimeout, zone,
                agentSettings, null, null);
    }

    public static RunSettings from(Config c) {
        return new RunSettings(c.layout(), c.assistantName(), c.provider(), c.model(), c.agentJar(),
                Path.of(System.getProperty("java.home")), c.agentMemoryMb(), c.agentTimeout(), c.idleTimeout(), c.zone(),
                c.agentSettings(), c.mountAllowlist(), c.sandboxLimits());
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
