package dev.pincer.host.sandbox.limits;

import dev.pincer.host.sandbox.Limits;
import java.io.IOException;
import java.time.Duration;

/**
 * How a sandbox's {@link Limits} are enforced on this host, chosen once by {@link LimitsProbe}:
 * a delegated cgroup v2 subtree, cgroup v1 hierarchies, or {@code prlimit} rlimits.
 */
public sealed interface LimitsMechanism permits CgroupV2, CgroupV1, Prlimit, LimitsMechanism.None {

    /** For the doctor line, e.g. {@code cgroup v1}. */
    String name();

    /**
     * Prepares the limits of one sandbox (e.g. creates its cgroups). The caller must
     * {@link AppliedLimits#release()} the result once the sandbox is gone.
     *
     * @param sandbox a unique, path-safe name for this sandbox
     * @param timeout the sandbox's wall-clock limit (bounds a CPU-time cap)
     */
    AppliedLimits apply(String sandbox, Limits limits, Duration timeout) throws IOException;

    /** Nothing works: the sandbox runs with the wall-clock timeout and the JVM's -Xmx only. */
    record None(String why) implements LimitsMechanism {
        @Override
        public String name() {
            return "none (" + why + ")";
        }

        @Override
        public AppliedLimits apply(String sandbox, Limits limits, Duration timeout) {
            return AppliedLimits.NONE;
        }
    }
}
