package dev.pincer.host.doctor;

import dev.pincer.host.config.Config;
import dev.pincer.host.jvmcache.AgentJvmCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether the JVM start-up caches are active: the agent's (checked by starting a JVM that must map
 * it) and the host's, which {@code ./pincer} names in {@code PINCER_HOST_JVM_CACHE}. A cache that is
 * off or not made yet is shown for information; only a cache the JVM cannot use is a fault.
 */
final class JvmCacheCheck {
    private JvmCacheCheck() {}

    /** @param hostCache what {@code ./pincer} set {@code PINCER_HOST_JVM_CACHE} to, or null */
    static List<Check> checks(Config config, String hostCache) {
        AgentJvmCache.Status agent;
        try {
            agent = AgentJvmCache.of(config).status();
        } catch (IllegalArgumentException e) {
            return List.of(new Check("jvm cache (agent)", false, e.getMessage(), "set PINCER_JVM_CACHE to on or off"));
        }
        Check agentLine = new Check("jvm cache (agent)", agent.healthy(), agent.detail(),
                "delete the file; Pincer makes a new one when it starts (or set PINCER_JVM_CACHE=off)", !agent.active() && agent.healthy());
        return List.of(agentLine, host(hostCache));
    }

    private static Check host(String hostCache) {
        if (hostCache == null || hostCache.isBlank()) {
            return Check.info("jvm cache (host)", "none: ./pincer start uses one on Java 25 or newer unless PINCER_JVM_CACHE=off");
        }
        Path file = Path.of(hostCache);
        return Files.isRegularFile(file)
                ? new Check("jvm cache (host)", true, "active: ./pincer start uses " + file, "")
                : Check.info("jvm cache (host)", "not made yet: the next ./pincer start records it into " + file
                        + " when it stops");
    }
}
