package dev.pincer.host.sandbox.limits;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A cgroup mechanism ({@link CgroupV2}, {@link CgroupV1}): each sandbox gets a cgroup of its own
 * under each parent, which caps it as a whole, and the cgroups a killed host left are looked for
 * under the same parents.
 */
sealed interface CgroupMechanism extends LimitsMechanism permits CgroupV2, CgroupV1 {

    /** Where the sandboxes' cgroups are created: one parent per hierarchy. */
    List<Path> parents();

    @Override
    default boolean capsSandbox() {
        return true;
    }

    @Override
    default List<Path> removeStale(Duration minAge, String owner) {
        return Cgroups.removeStale(parents(), minAge, owner);
    }

    /** Writes a sandbox's limits into its new cgroups (one per parent, in the same order). */
    @FunctionalInterface
    interface LimitWriter {
        void write(List<Path> cgroups) throws IOException;
    }

    /**
     * Creates the cgroups of {@code sandbox}, one under each of {@code parents}, and has {@code limits}
     * fill them in; if that fails, they are removed again.
     */
    static AppliedLimits create(List<Path> parents, String sandbox, LimitWriter limits) throws IOException {
        List<Path> dirs = parents.stream().map(p -> p.resolve(sandbox)).toList();
        Cgroups.createAll(dirs);
        AppliedLimits applied = new AppliedLimits(dirs, List.of());
        try {
            limits.write(dirs);
            return applied;
        } catch (IOException | RuntimeException e) {
            applied.release();
            throw e;
        }
    }
}
