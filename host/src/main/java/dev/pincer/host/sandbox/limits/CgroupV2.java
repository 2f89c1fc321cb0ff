package dev.pincer.host.sandbox.limits;

import dev.pincer.host.sandbox.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A delegated cgroup v2 subtree: the caller's own cgroup enables the memory, pids and cpu
 * controllers for its children and is writable, so each sandbox gets a child directory with
 * {@code memory.max}, {@code memory.swap.max}, {@code pids.max} and {@code cpu.max}.
 *
 * @param parent the caller's own cgroup directory
 */
public record CgroupV2(Path parent) implements LimitsMechanism {

    @Override
    public String name() {
        return "cgroup v2";
    }

    @Override
    public AppliedLimits apply(String sandbox, Limits limits, Duration timeout) throws IOException {
        Path dir = parent.resolve(sandbox);
        Cgroups.createAll(List.of(dir));
        AppliedLimits applied = new AppliedLimits(List.of(dir), List.of());
        try {
            Cgroups.write(dir.resolve("memory.max"), String.valueOf(limits.memoryBytes()));
            if (Files.exists(dir.resolve("memory.swap.max"))) {
                Cgroups.write(dir.resolve("memory.swap.max"), "0");
            }
            Cgroups.write(dir.resolve("pids.max"), String.valueOf(limits.pids()));
            Cgroups.write(dir.resolve("cpu.max"), limits.cpuQuotaUs() + " " + Limits.CPU_PERIOD_US);
            return applied;
        } catch (IOException | RuntimeException e) {
            applied.release();
            throw e;
        }
    }
}
