package dev.pincer.host.run;

import dev.pincer.host.config.Config;
import dev.pincer.host.config.Layout;
import dev.pincer.host.jvmcache.AgentJvmCache;
import dev.pincer.host.sandbox.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * What every agent run needs to know from the configuration; no secrets (the credential stays with
 * the egress proxy).
 *
 * @param layout  where {@code PINCER_HOME}'s folders are
 * @param zone    the time zone of prompts and schedules ({@code TZ})
 * @param agent   who the agent is and which model it calls
 * @param jvm     the agent's JVM inside the sandbox
 * @param time    how long one answer and a warm sandbox may take
 * @param sandbox limits and the extra-mount allowlist of every sandbox
 */
public record RunSettings(Layout layout, ZoneId zone, Agent agent, Jvm jvm, Timeouts time, Sandbox sandbox) {

    /**
     * @param settings the agent's own settings passed into the sandbox environment (budgets, compaction...)
     */
    public record Agent(String assistantName, String provider, String model, Map<String, String> settings) {
        public Agent {
            settings = settings == null ? Map.of() : Map.copyOf(settings);
        }
    }

    /** The agent jar, the JRE that runs it, its heap ({@code -Xmx}) and its start-up cache. */
    public record Jvm(Path agentJar, Path javaHome, int memoryMb, AgentJvmCache cache) {}

    /**
     * @param answer the longest one answer may take ({@code PINCER_AGENT_TIMEOUT})
     * @param idle   how long a sandbox stays warm after it answered ({@code PINCER_IDLE_TIMEOUT})
     */
    public record Timeouts(Duration answer, Duration idle) {}

    /**
     * @param mountAllowlist the extra-mount allowlist file, or null (every extra mount refused)
     * @param diskMb         the most a group's writable folders may hold before no new sandbox
     *                       starts for it ({@code PINCER_GROUP_DISK_MB}; 0: no quota)
     */
    public record Sandbox(Limits limits, Path mountAllowlist, int diskMb) {
        public static final int DEFAULT_DISK_MB = 2048;

        public Sandbox {
            limits = limits == null ? Limits.DEFAULT : limits;
        }

        public Sandbox(Limits limits, Path mountAllowlist) {
            this(limits, mountAllowlist, DEFAULT_DISK_MB);
        }
    }

    public static RunSettings from(Config c) {
        return new RunSettings(c.layout(), c.assistant().zone(),
                new Agent(c.assistant().name(), c.llm().provider(), c.llm().model(), c.agents().settings()),
                new Jvm(c.agents().jar(), Path.of(System.getProperty("java.home")), c.agents().memoryMb(), AgentJvmCache.of(c)),
                new Timeouts(c.agents().timeout(), c.agents().idleTimeout()),
                new Sandbox(c.sandbox().limits(), c.sandbox().storage().mountAllowlist(), c.sandbox().storage().groupDiskMb()));
    }

    public Duration timeout() {
        return time.answer();
    }

    public Duration idleTimeout() {
        return time.idle();
    }

    /**
     * The wall-clock limit of a whole sandbox, a safety net the runner never reaches on purpose: a
     * sandbox takes new work only while younger than {@link #timeout}, each answer takes at most
     * {@link #timeout}, and it is closed {@link #idleTimeout} after its last answer.
     */
    public Duration sandboxLimit() {
        return timeout().multipliedBy(2).plus(idleTimeout()).plus(LiveSandbox.CLOSE_GRACE).plusSeconds(60);
    }
}
