package dev.pincer.host.sandbox;

import dev.pincer.protocol.SandboxPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One sandboxed run.
 *
 * @param plan    what the sandbox sees
 * @param command what runs inside, with which environment, where
 * @param timeout wall-clock limit; when it passes the whole sandbox is killed
 * @param logFile host file that receives the run's stdout and stderr (appended)
 * @param limits  memory, pids and CPU of the whole sandbox; a {@code -Xmx} in argv must fit below the memory
 */
public record SandboxSpec(MountPlan plan, Command command, Duration timeout, Path logFile, Limits limits) {

    /** Headroom the JVM needs above its heap (metaspace, code cache, stacks) inside the memory limit. */
    static final int JVM_OVERHEAD_MB = 64;
    private static final Pattern XMX = Pattern.compile("-Xmx(\\d+)([kKmMgG]?)");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Names that hold credentials on the host; none of them may be passed into a sandbox. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "ANTHROPIC_API_KEY|ANTHROPIC_AUTH_TOKEN|CLAUDE_CODE_OAUTH_TOKEN|OPENAI_API_KEY|PINCER_WEB_TOKEN"
                    + "|.*_API_KEY|.*_SECRET|.*_PASSWORD|.*_AUTH_TOKEN|.*_OAUTH_TOKEN|.*_BOT_TOKEN|.*_APP_TOKEN",
            Pattern.CASE_INSENSITIVE);

    /**
     * What runs inside the sandbox.
     *
     * @param argv the command (first element: an absolute path or a name on PATH inside)
     * @param env  the ONLY environment inside the sandbox; must not carry credentials
     * @param cwd  the working directory inside, normally {@link SandboxPaths#GROUP}
     */
    public record Command(List<String> argv, Map<String, String> env, String cwd) {
        public Command {
            argv = List.copyOf(argv);
            if (argv.isEmpty() || argv.get(0).isEmpty()) {
                throw new IllegalArgumentException("argv must name a command");
            }
            for (String a : argv) {
                if (a.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("argv must not contain NUL characters");
                }
            }
            Map<String, String> copy = new LinkedHashMap<>();
            env.forEach((k, v) -> {
                if (k == null || !ENV_NAME.matcher(k).matches()) {
                    throw new IllegalArgumentException("invalid environment variable name: " + k);
                }
                if (SECRET_NAME.matcher(k).matches()) {
                    throw new IllegalArgumentException("refusing to pass " + k
                            + " into a sandbox: credentials stay on the host (the egress proxy injects them)");
                }
                if (v == null || v.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("invalid value for environment variable " + k);
                }
                copy.put(k, v);
            });
            env = Collections.unmodifiableMap(copy);
            SandboxTargets.requireValid(cwd);
        }

        /** {@code argv} with {@code env} in {@link SandboxPaths#GROUP}. */
        public static Command inGroup(List<String> argv, Map<String, String> env) {
            return new Command(argv, env, SandboxPaths.GROUP);
        }
    }

    /** A run with the {@link Limits#DEFAULT default limits}. */
    public SandboxSpec(MountPlan plan, Command command, Duration timeout, Path logFile) {
        this(plan, command, timeout, logFile, Limits.DEFAULT);
    }

    public SandboxSpec {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        Objects.requireNonNull(logFile, "logFile");
        Objects.requireNonNull(limits, "limits");
        for (String a : command.argv()) {
            var xmx = XMX.matcher(a);
            if (xmx.matches()) {
                long heapMb = heapMb(Long.parseLong(xmx.group(1)), xmx.group(2));
                if (heapMb + JVM_OVERHEAD_MB > limits.memoryMb()) {
                    throw new IllegalArgumentException("the agent heap (" + a + ") does not fit in the sandbox memory limit of "
                            + limits.memoryMb() + " MiB (the JVM needs about " + JVM_OVERHEAD_MB
                            + " MiB more): lower PINCER_AGENT_MEMORY_MB or raise PINCER_SANDBOX_MEMORY_MB / the group's limits.memoryMb");
                }
            }
        }
    }

    private static long heapMb(long n, String unit) {
        return switch (unit) {
            case "g", "G" -> n * 1024;
            case "m", "M" -> n;
            case "k", "K" -> n / 1024;
            default -> n / (1024 * 1024);
        };
    }

    /** This run with other limits. */
    public SandboxSpec withLimits(Limits other) {
        return new SandboxSpec(plan, command, timeout, logFile, other);
    }

    /** A run in {@code plan} with the working directory {@link SandboxPaths#GROUP}. */
    public static SandboxSpec of(MountPlan plan, List<String> argv, Map<String, String> env,
                                 Duration timeout, Path logFile) {
        return new SandboxSpec(plan, Command.inGroup(argv, env), timeout, logFile);
    }

    public String groupFolder() {
        return plan.groupFolder();
    }

    /**
     * The agent command: the plan's JRE with an explicit heap limit (the JVM cannot see cgroup
     * limits inside bwrap) and flags for a fast start.
     */
    public static List<String> agentArgv(MountPlan plan, int maxHeapMb) {
        if (maxHeapMb < 32) {
            throw new IllegalArgumentException("agent heap must be at least 32 MiB: " + maxHeapMb);
        }
        return List.of(plan.javaHome() + "/bin/java", "-Xmx" + maxHeapMb + "m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-jar", SandboxPaths.AGENT_JAR);
    }
}
