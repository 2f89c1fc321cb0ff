package dev.pincer.host.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pincer.host.sandbox.HostSystem;
import dev.pincer.host.sandbox.IsolationPolicy;
import dev.pincer.host.sandbox.Limits;
import dev.pincer.host.sandbox.SandboxExit;
import dev.pincer.host.sandbox.SandboxProcess;
import dev.pincer.host.sandbox.SandboxSpec;
import dev.pincer.host.sandbox.SelfTest;
import dev.pincer.host.sandbox.limits.AppliedLimits;
import dev.pincer.host.sandbox.limits.CgroupV1;
import dev.pincer.host.sandbox.limits.CgroupV2;
import dev.pincer.host.sandbox.limits.LimitsMechanism;
import dev.pincer.host.sandbox.limits.Prlimit;
import dev.pincer.testkit.HostProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Memory, pids and CPU limits enforced on real bubblewrap sandboxes through the mechanism probed on
 * this host (cgroup v1 or v2: root, or a user the cgroups are delegated to). Every bomb runs only
 * after the test made sure a cgroup mechanism is active (else it is skipped, saying why), and is
 * bounded in time by the spec's wall-clock limit.
 */
class BwrapLimitsTest extends RealBwrapTest {
    /** The limits must demonstrably apply before any bomb runs. */
    private void requireCgroups() {
        LimitsMechanism m = fx.runtime.limitsMechanism();
        assertThat(HostSystem.effectiveUid() != 0 || m.capsSandbox()).as("as root this host must offer cgroups").isTrue();
        assumeTrue(m instanceof CgroupV1 || m instanceof CgroupV2, "no writable cgroup for this user on this host (limits: "
                + m.name() + "); run as root or delegate a cgroup (docs/SECURITY.md, \"Root and normal user\")");
    }

    private boolean v1() {
        return fx.runtime.limitsMechanism() instanceof CgroupV1;
    }

    /** The sandbox's own cgroup directories (memory, pids, cpu under cgroup v1; one under v2). */
    private static List<Path> cgroups(SandboxProcess p) {
        return ((AppliedLimits) p.resources()).cgroups();
    }

    private Path pidsDir(SandboxProcess p) {
        return cgroups(p).get(v1() ? 1 : 0);
    }

    private Path cpuDir(SandboxProcess p) {
        return cgroups(p).get(v1() ? 2 : 0);
    }

    private SandboxSpec spec(String script, Duration timeout, Limits limits) {
        return fx.spec("family", false, List.of("/bin/bash", "-c", script), timeout).withLimits(limits);
    }

    @Test
    void theLauncherJoinsTheCgroupsWithTheLimitsSetAndTheyAreRemovedAfterwards() throws Exception {
        requireCgroups();
        SandboxProcess p = fx.runtime.start(spec("echo in; sleep 30", Duration.ofSeconds(20), new Limits(200, 50, 0.5)));
        List<Path> dirs = cgroups(p);
        assertThat(dirs).hasSize(v1() ? 3 : 1).allSatisfy(d -> assertThat(d).isDirectory());
        awaitUntil(() -> read(dirs.get(0).resolve("cgroup.procs")).contains(String.valueOf(p.pid())));
        if (v1()) {
            assertThat(read(dirs.get(0).resolve("memory.limit_in_bytes"))).isEqualTo(String.valueOf(200L * 1024 * 1024));
            assertThat(read(dirs.get(2).resolve("cpu.cfs_quota_us"))).isEqualTo("50000");
        } else {
            assertThat(read(dirs.get(0).resolve("memory.max"))).isEqualTo(String.valueOf(200L * 1024 * 1024));
            assertThat(read(dirs.get(0).resolve("cpu.max"))).isEqualTo("50000 100000");
        }
        assertThat(read(pidsDir(p).resolve("pids.max"))).isEqualTo("50");
        // every process of the sandbox is in each cgroup, not only the launcher
        awaitUntil(() -> Long.parseLong(read(pidsDir(p).resolve("pids.current"))) >= 3); // bwrap, bash, sleep
        p.kill();
        assertThat(p.waitFor()).isEqualTo(new SandboxExit.Killed());
        assertThat(dirs).allSatisfy(d -> assertThat(d).doesNotExist());
    }

    @Test
    void aMemoryBombIsOomKilledWhileTheSameAllocationFitsUnderTheDefaultLimit() throws Exception {
        requireCgroups();
        String bomb = "perl -e '$x = \"x\" x (300*1024*1024); print \"survived \", length($x), \"\\n\"'; echo rc=$?";
        long t0 = System.nanoTime();
        var fits = fx.run(spec(bomb, Duration.ofSeconds(60), Limits.DEFAULT));
        assertThat(fits.output()).contains("survived 314572800").contains("rc=0");
        var bombed = fx.run(spec(bomb, Duration.ofSeconds(60), new Limits(128, 64, 1.0)));
        assertThat(bombed.output()).doesNotContain("survived 314572800").contains("Killed").contains("rc=137");
        assertThat(bombed.exit()).isEqualTo(new SandboxExit.Exited(0)); // the shell lived on: only the bomb was killed
        System.out.printf("memory bomb: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    void aForkBombHitsThePidsLimitAndNothingSurvives() throws Exception {
        requireCgroups();
        String marker = "pincer-forkbomb-" + System.nanoTime();
        String script = "timeout -s KILL 8 bash -c 'bomb(){ bomb|bomb& }; while :; do bomb; sleep 0.05; done' " + marker + " 2>/dev/null; echo bomb-ended";
        long t0 = System.nanoTime();
        SandboxProcess p = fx.runtime.start(spec(script, Duration.ofSeconds(15), new Limits(256, 64, 0.5)));
        Path pids = pidsDir(p);
        AtomicLong peak = new AtomicLong();
        while (p.isAlive()) {
            try {
                peak.accumulateAndGet(Long.parseLong(read(pids.resolve("pids.current"))), Math::max);
            } catch (IOException | NumberFormatException e) {
                break; // the cgroup is being removed
            }
            Thread.sleep(50);
        }
        SandboxExit exit = p.waitFor();
        System.out.printf("fork bomb: %d ms, peak pids %d, exit %s%n", (System.nanoTime() - t0) / 1_000_000, peak.get(), exit);
        assertThat(peak.get()).isEqualTo(64);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(25));
        assertThat(cgroups(p)).allSatisfy(d -> assertThat(d).doesNotExist());
        assertThat(HostProcesses.withMarker(marker)).isZero();
    }

    @Test
    void aCpuSpinIsThrottledAtHalfACpuAndKilledAtTheWallClockLimit() throws Exception {
        requireCgroups();
        long t0 = System.nanoTime();
        SandboxProcess p = fx.runtime.start(spec("while :; do :; done", Duration.ofSeconds(4), new Limits(128, 32, 0.5)));
        Path cpu = cpuDir(p);
        long throttled = 0;
        while (p.isAlive()) {
            try {
                throttled = Math.max(throttled, throttledPeriods(cpu));
            } catch (IOException e) {
                break;
            }
            Thread.sleep(100);
        }
        SandboxExit exit = p.waitFor();
        System.out.printf("cpu spin: %d ms, nr_throttled %d%n", (System.nanoTime() - t0) / 1_000_000, throttled);
        assertThat(exit).isEqualTo(new SandboxExit.TimedOut(Duration.ofSeconds(4)));
        assertThat(throttled).as("cpu.stat nr_throttled").isPositive();
        assertThat(cgroups(p)).allSatisfy(d -> assertThat(d).doesNotExist());
    }

    @Test
    void thePrlimitFallbackCapsCpuTimeWithSigxcpu() throws Exception {
        Path prlimit = HostSystem.findExecutable("prlimit").orElseThrow();
        // as a normal user the sandbox runs as that user, whose other tasks an RLIMIT_NPROC would count
        fx.runtime.useLimitsMechanism(new Prlimit(prlimit, HostSystem.effectiveUid() == 0)); // as the probe would
        fx.runtime.useIsolationPolicy(new IsolationPolicy(true, false)); // prlimit alone needs PINCER_ALLOW_UNLIMITED=1
        long t0 = System.nanoTime();
        // 0.25 CPU of a 6 s run: 2 s of CPU time, then SIGXCPU, well before the wall-clock limit
        // pids 4096: as root RLIMIT_NPROC counts every process of the agent uid on the host, other sandboxes' too
        var r = fx.run(spec("echo spinning; while :; do :; done", Duration.ofSeconds(6), new Limits(256, 4096, 0.25)));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("prlimit cpu cap: %d ms, exit %s%n", ms, r.exit());
        assertThat(r.output()).contains("spinning");
        assertThat(r.exit()).isInstanceOf(SandboxExit.Exited.class).isNotEqualTo(new SandboxExit.Exited(0));
        assertThat(ms).isLessThan(5_500);
    }

    @Test
    void theSelfTestReportsTheMechanismAndTheLimits() {
        requireCgroups();
        SelfTest result = fx.runtime.selfTest();
        assertThat(result.detail()).contains("limits: " + fx.runtime.limitsMechanismName() + " (memory 1024 MiB, pids 256, cpu 1.0)");
    }

    private static long throttledPeriods(Path cpu) throws IOException {
        for (String line : Files.readAllLines(cpu.resolve("cpu.stat"))) {
            if (line.startsWith("nr_throttled ")) {
                return Long.parseLong(line.substring("nr_throttled ".length()).strip());
            }
        }
        throw new IOException("no nr_throttled in " + cpu);
    }

    static String read(Path file) throws IOException {
        return Files.readString(file).strip();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void awaitUntil(Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!check.ok()) {
            assertThat(System.nanoTime()).as("condition not met within 15 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
