package dev.pincer.host.run;

import dev.pincer.host.groups.GroupConfig;
import dev.pincer.host.jvmcache.AgentFlags;
import dev.pincer.host.jvmcache.AgentJvmCache;
import dev.pincer.host.sandbox.MountPlan;
import dev.pincer.host.sandbox.Limits;
import dev.pincer.host.sandbox.SandboxSpec;
import dev.pincer.host.store.Group;
import dev.pincer.protocol.SandboxPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the agent is started in every sandbox of a group, its own or a teammate's: the JVM command and
 * its exact environment (no secrets), the group's limits, and where its run log goes.
 */
public final class AgentCommand {
    private AgentCommand() {}

    private static final DateTimeFormatter LOG_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** A sandbox's mounts and the agent command in {@code cwd}, both with the agent JVM's cache when it is made. */
    public record Start(MountPlan plan, SandboxSpec.Command command) {}

    /** {@code plan} with {@code cache} mounted read-only, and the agent command with its flags (or neither, without a cache). */
    public static Start start(RunSettings settings, MountPlan plan, String cwd, Optional<AgentJvmCache.Use> cache) {
        return new Start(cache.map(c -> plan.with(c.mount())).orElse(plan),
                in(settings, cwd, cache.map(AgentJvmCache.Use::flags).orElse(List.of())));
    }

    /**
     * The agent command with its environment, in the working directory {@code cwd} inside the
     * sandbox; {@code cacheFlags} are the JVM cache's flags (none when there is no cache).
     */
    private static SandboxSpec.Command in(RunSettings settings, String cwd, List<String> cacheFlags) {
        return new SandboxSpec.Command(argv(settings, cacheFlags), environment(settings), cwd);
    }

    /** The global sandbox limits with the group config's {@code limits} applied. */
    public static Limits limits(RunSettings settings, Group group) {
        var own = GroupConfig.parse(group.config()).limits();
        return own == null ? settings.sandbox().limits() : own.applyTo(settings.sandbox().limits());
    }

    /**
     * A new run log of group {@code folder} under {@code PINCER_HOME/logs/runs/<folder>}, outside
     * everything a sandbox can write: {@code <prefix>-<time>-<suffix>.log}.
     */
    public static Path runLog(RunSettings settings, String folder, String prefix, String suffix) throws IOException {
        Path logs = settings.layout().logsDir().resolve("runs").resolve(folder);
        Files.createDirectories(logs);
        return logs.resolve(prefix + "-" + LOG_NAME.format(Instant.now()) + "-" + suffix + ".log");
    }

    /** The agent JVM with its heap, {@link AgentFlags}, the cache's flags, then the jar. */
    private static List<String> argv(RunSettings settings, List<String> cacheFlags) {
        List<String> argv = new ArrayList<>(List.of(Path.of(settings.jvm().javaHome().toString(), "bin", "java").toString(),
                "-Xmx" + settings.jvm().memoryMb() + "m"));
        argv.addAll(AgentFlags.FLAGS);
        argv.addAll(cacheFlags);
        argv.addAll(List.of("-Djava.io.tmpdir=/tmp", "-jar", SandboxPaths.AGENT_JAR));
        return argv;
    }

    private static Map<String, String> environment(RunSettings settings) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", SandboxPaths.HOME);
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("TZ", settings.zone().getId());
        env.put(SandboxPaths.ENV_IPC_DIR, SandboxPaths.IPC);
        env.putAll(settings.agent().settings()); // budgets, compaction, fast model, web search, team limits (no secrets)
        // the agent stops its sub-agents in time for the host's limit on one answer
        env.put("PINCER_AGENT_TIMEOUT", String.valueOf(settings.time().answer().toSeconds()));
        // The host closes a warm sandbox after PINCER_IDLE_TIMEOUT; the agent's own limit is a later safety net.
        long idle = settings.idleTimeout().toSeconds();
        env.put(SandboxPaths.ENV_IDLE_TIMEOUT, String.valueOf(idle == 0 ? 0 : idle + LiveSandbox.CLOSE_GRACE.toSeconds() + 30));
        return env;
    }
}
