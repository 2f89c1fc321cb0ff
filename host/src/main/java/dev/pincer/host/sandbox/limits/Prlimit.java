package dev.pincer.host.sandbox.limits;

import dev.pincer.host.sandbox.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The fallback without writable cgroups: {@code prlimit} in front of the launcher.
 * RLIMIT_NPROC caps tasks (it counts every task of the agent uid, so concurrent
 * sandboxes share it), RLIMIT_CPU caps CPU time at {@code cpus × timeout} (SIGXCPU, then SIGKILL),
 * RLIMIT_DATA caps heap memory. Never RLIMIT_AS: the JVM reserves far more address space than it uses.
 *
 * @param prlimit     the util-linux prlimit executable
 * @param ownAgentUid whether sandboxes run as the dedicated agent uid (host started as root); if not,
 *                    they run as the user's own uid, whose other processes RLIMIT_NPROC would count, so it is left out
 */
public record Prlimit(Path prlimit, boolean ownAgentUid) implements LimitsMechanism {

    Prlimit(Path prlimit) {
        this(prlimit, true);
    }

    @Override
    public String name() {
        return ownAgentUid ? "prlimit" : "prlimit (no task limit: sandboxes run as your own uid)";
    }

    @Override
    public boolean capsSandbox() {
        return false;
    }

    @Override
    public AppliedLimits apply(String sandbox, Limits limits, Duration timeout) {
        long cpuSeconds = Math.max(1, (long) Math.ceil(limits.cpus() * timeout.toSeconds()));
        List<String> prefix = new java.util.ArrayList<>(List.of(prlimit.toString()));
        if (ownAgentUid) {
            prefix.add("--nproc=" + limits.pids());
        }
        prefix.addAll(List.of("--cpu=" + cpuSeconds + ":" + (cpuSeconds + 5), "--data=" + limits.memoryBytes(), "--"));
        return new AppliedLimits(List.of(), prefix);
    }
}
