package dev.pincer.host.sandbox;

/**
 * Resource limits of one sandbox (docs/SECURITY.md, promise 5a): memory, number of tasks and CPU share.
 *
 * @param memoryMb memory in MiB (cgroup memory limit, no swap on top; RLIMIT_DATA under prlimit)
 * @param pids     processes and threads the sandbox may hold at once
 * @param cpus     CPUs' worth of time per period, e.g. 0.5 or 2.0 (cgroup CPU quota; a CPU-time cap under prlimit)
 */
public record Limits(int memoryMb, int pids, double cpus) {

    public static final Limits DEFAULT = new Limits(1024, 256, 1.0);
    /** The smallest memory limit a sandbox can start a shell in. */
    public static final int MIN_MEMORY_MB = 16;

    public Limits {
        if (memoryMb < MIN_MEMORY_MB || memoryMb > 1_048_576) {
            throw new IllegalArgumentException("sandbox memory must be " + MIN_MEMORY_MB + "..1048576 MiB, got " + memoryMb);
        }
        if (pids < 8 || pids > 1_000_000) {
            throw new IllegalArgumentException("sandbox pids must be 8..1000000, got " + pids);
        }
        if (!(cpus >= 0.01 && cpus <= 1024)) {
            throw new IllegalArgumentException("sandbox cpus must be 0.01..1024, got " + cpus);
        }
    }

    /** These limits with each non-null override applied (a group's {@code limits} config). */
    public Limits with(Integer memoryMb, Integer pids, Double cpus) {
        return new Limits(memoryMb != null ? memoryMb : this.memoryMb, pids != null ? pids : this.pids,
                cpus != null ? cpus : this.cpus);
    }

    public long memoryBytes() {
        return memoryMb * 1024L * 1024L;
    }

    /** CPU quota in microseconds per {@link #CPU_PERIOD_US}. */
    public long cpuQuotaUs() {
        return Math.max(1000, Math.round(cpus * CPU_PERIOD_US));
    }

    public static final long CPU_PERIOD_US = 100_000;

    /** For the doctor line: {@code memory 1024 MiB, pids 256, cpu 1.0}. */
    public String describe() {
        return "memory " + memoryMb + " MiB, pids " + pids + ", cpu " + cpus;
    }
}
