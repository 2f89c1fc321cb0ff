package dev.pincer.host.sandbox.limits;

import dev.pincer.host.sandbox.Limits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How a sandbox's {@link Limits} are enforced on this host, chosen once by {@link LimitsProbe}:
 * a delegated cgroup v2 subtree, cgroup v1 hierarchies, or {@code prlimit} rlimits.
 */
public sealed interface LimitsMechanism permits CgroupMechanism, Prlimit, LimitsMechanism.None {

    /** For the doctor line, e.g. {@code cgroup v1}. */
    String name();

    /**
     * Whether this caps a sandbox as a whole: its memory and its number of processes and threads,
     * whatever runs inside. cgroups do; {@code prlimit} caps single processes (and counts tasks per
     * uid), so it does not, and sandboxes then start only when the operator allows it.
     */
    boolean capsSandbox();

    /**
     * Prepares the limits of one sandbox (e.g. creates its cgroups). The caller must
     * {@link AppliedLimits#release()} the result once the sandbox is gone.
     *
     * @param sandbox a unique, path-safe name for this sandbox
     * @param timeout the sandbox's wall-clock limit (bounds a CPU-time cap)
     */
    AppliedLimits apply(String sandbox, Limits limits, Duration timeout) throws IOException;

    /**
     * Removes sandbox cgroups that a host killed before it could release them left behind under
     * this mechanism's parents: empty, and either the Pincer {@code owner}'s own or created at least
     * {@code minAge} ago.
     */
    default List<Path> removeStale(Duration minAge, String owner) {
        return List.of();
    }

    /** A unique, path-safe name for one sandbox of {@code folder} of the Pincer {@code owner} (its cgroups are called so). */
    static String sandboxName(String owner, String folder) {
        return Cgroups.sandboxName(owner, folder);
    }

    /** What names a Pincer home in its sandboxes' cgroups ({@link #sandboxName}). */
    static String ownerTag(Path home) {
        return Cgroups.ownerTag(home);
    }

    /** Nothing works: the sandbox runs with the wall-clock timeout and the JVM's -Xmx only. */
    record None(String why) implements LimitsMechanism {
        @Override
        public String name() {
            return "none (" + why + ")";
        }

        @Override
        public boolean capsSandbox() {
            return false;
        }

        @Override
        public AppliedLimits apply(String sandbox, Limits limits, Duration timeout) {
            return AppliedLimits.NONE;
        }
    }
}
