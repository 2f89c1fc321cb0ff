package dev.pincer.host.run;

import dev.pincer.host.groups.GroupConfig;
import dev.pincer.host.jvmcache.AgentJvmCache;
import dev.pincer.host.sandbox.ExtraMounts;
import dev.pincer.host.sandbox.GroupDisk;
import dev.pincer.host.sandbox.Mount;
import dev.pincer.host.sandbox.MountAllowlist;
import dev.pincer.host.sandbox.MountPlan;
import dev.pincer.host.sandbox.SandboxSpec;
import dev.pincer.host.store.Group;
import dev.pincer.protocol.AgentInput;
import dev.pincer.protocol.McpServerSpec;
import dev.pincer.protocol.SandboxPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans one agent run before anything starts: from the settings and the group's config it makes the
 * run's {@code start} input (model, MCP servers) and the {@link SandboxSpec} (mounts with the extra
 * mounts the allowlist grants, the agent command, its environment, limits and run log). This is the
 * plan only: a runtime turns the spec into a running {@link dev.pincer.host.sandbox.SandboxProcess},
 * which {@link LiveSandbox} then drives.
 */
final class RunPlanner {

    private static final Logger log = LoggerFactory.getLogger(RunPlanner.class);

    private final RunSettings settings;

    RunPlanner(RunSettings settings) {
        this.settings = settings;
    }

    /** The run's first input. */
    AgentInput.Start start(Group group, String runId, String prompt, String sessionId) {
        GroupConfig config = GroupConfig.parse(group.config());
        Map<String, McpServerSpec> mcp = new LinkedHashMap<>();
        config.mcpServers().forEach((name, s) -> mcp.put(name, new McpServerSpec(s.command(), s.args(), s.env())));
        String model = config.model() != null ? config.model() : settings.agent().model();
        return new AgentInput.Start(runId, prompt, sessionId,
                new AgentInput.Group(group.folder(), group.jid(), group.isMain()),
                new AgentInput.Setup(settings.agent().assistantName(), settings.agent().provider(), model, mcp));
    }

    /**
     * The sandbox of a run; its log lives under {@code PINCER_HOME/logs}, outside everything the
     * sandbox can write. Refused while the group's folders are over its disk quota ({@link GroupDisk}).
     */
    SandboxSpec spec(Group group, String runId) throws IOException {
        GroupDisk.check(settings.layout(), group.folder(), settings.sandbox().diskMb());
        Path runLog = AgentCommand.runLog(settings, group.folder(), "run", runId.substring(0, 8));
        MountPlan plan = MountPlan.forGroup(settings.layout().home(), group.folder(), group.isMain(), settings.jvm().agentJar(),
                settings.jvm().javaHome(), extraMounts(group, runLog));
        AgentCommand.Start start = AgentCommand.start(settings, plan, SandboxPaths.GROUP, jvmCache(runLog));
        return new SandboxSpec(start.plan(), start.command(), settings.sandboxLimit(), runLog, AgentCommand.limits(settings, group));
    }

    /** The agent JVM's cache for this sandbox, if there is one yet; the run log says which. */
    private Optional<AgentJvmCache.Use> jvmCache(Path runLog) throws IOException {
        Optional<AgentJvmCache.Use> cache = settings.jvm().cache().forSandbox();
        String line = cache.map(c -> "=== agent JVM cache: " + c.mount().source() + " at " + c.mount().target() + " (read-only)\n")
                .orElse("=== agent JVM cache: none\n");
        Files.writeString(runLog, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS);
        return cache;
    }

    /**
     * The group's {@code additionalMounts} the mount allowlist grants (read again for every sandbox);
     * each refusal or downgrade is written to the run log and the host log.
     */
    private List<Mount> extraMounts(Group group, Path runLog) throws IOException {
        var requested = GroupConfig.parse(group.config()).additionalMounts();
        if (requested.isEmpty()) {
            return List.of();
        }
        Path home = settings.layout().home();
        Path userHome = Path.of(System.getProperty("user.home")); // what ~ means, as for the allowlist's default place
        var allowlist = MountAllowlist.load(settings.sandbox().mountAllowlist() != null
                ? settings.sandbox().mountAllowlist() : userHome.resolve(".config/pincer/mount-allowlist.json"), userHome, home);
        var result = ExtraMounts.validate(requested.stream()
                        .map(m -> new ExtraMounts.Request(m.hostPath(), m.containerPath(), m.wantsReadOnly()))
                        .toList(),
                allowlist, home, userHome, group.isMain());
        StringBuilder lines = new StringBuilder();
        for (String line : result.logLines()) {
            log.warn("group {}: {}", group.folder(), line);
            lines.append("=== ").append(line).append('\n');
        }
        for (Mount m : result.mounts()) {
            lines.append("=== extra mount: ").append(m.source()).append(" at ").append(m.target())
                    .append(m.writable() ? " (read-write)" : " (read-only)").append('\n');
        }
        // The run log lives under PINCER_HOME/logs, outside every writable bind source; never through a link.
        Files.writeString(runLog, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS);
        return result.mounts();
    }
}
