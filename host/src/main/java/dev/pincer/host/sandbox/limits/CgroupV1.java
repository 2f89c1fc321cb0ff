package dev.pincer.host.sandbox.limits;

import dev.pincer.host.sandbox.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * cgroup v1 (hybrid hosts without systemd): one directory per sandbox in each of the memory, pids
 * and cpu hierarchies, under the caller's own cgroup there or, where that is not writable (a normal
 * user), under a {@code pincer} cgroup delegated to the user ({@link LimitsProbe}).
 *
 * @param memory the parent in the memory hierarchy
 * @param pids   likewise in the pids hierarchy
 * @param cpu    likewise in the cpu hierarchy
 */
public record CgroupV1(Path memory, Path pids, Path cpu) implements CgroupMechanism {

    @Override
    public String name() {
        return "cgroup v1";
    }

    @Override
    public List<Path> parents() {
        return List.of(memory, pids, cpu);
    }

    @Override
    public AppliedLimits apply(String sandbox, Limits limits, Duration timeout) throws IOException {
        return CgroupMechanism.create(parents(), sandbox, dirs -> {
            Path m = dirs.get(0);
            Cgroups.write(m.resolve("memory.limit_in_bytes"), String.valueOf(limits.memoryBytes()));
            if (Files.exists(m.resolve("memory.memsw.limit_in_bytes"))) {
                // memory + swap equal to memory: no swapping past the limit
                Cgroups.write(m.resolve("memory.memsw.limit_in_bytes"), String.valueOf(limits.memoryBytes()));
            }
            Cgroups.write(dirs.get(1).resolve("pids.max"), String.valueOf(limits.pids()));
            Cgroups.write(dirs.get(2).resolve("cpu.cfs_period_us"), String.valueOf(Limits.CPU_PERIOD_US));
            Cgroups.write(dirs.get(2).resolve("cpu.cfs_quota_us"), String.valueOf(limits.cpuQuotaUs()));
        });
    }
}
