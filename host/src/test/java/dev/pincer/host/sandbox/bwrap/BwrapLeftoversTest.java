package dev.pincer.host.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pincer.host.sandbox.Limits;
import dev.pincer.host.sandbox.SandboxProcess;
import dev.pincer.host.sandbox.SandboxSpec;
import dev.pincer.host.sandbox.limits.AppliedLimits;
import dev.pincer.host.sandbox.limits.LimitsMechanism;
import dev.pincer.testkit.HostProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What sandboxes leave behind: processes a turn started that outlive it in an idle sandbox
 * ({@link SandboxProcess#reapStrays()}, on every host: through the process tree, and through the
 * cgroups where there are some), and cgroups (removed when a sandbox ends, and those a killed host
 * left are removed when Pincer starts). In the scripts pid 2, a shell, stands in for the agent JVM;
 * markers are assembled at run time ({@code "str""ay-"}) so that only the processes that carry them,
 * not bwrap's command line, match.
 */
class BwrapLeftoversTest extends RealBwrapTest {
    private final String id = Long.toHexString(System.nanoTime());
    private final String stray = "stray-" + id;
    private final String kept = "kept-" + id;

    private void requireCgroups() {
        assumeTrue(fx.runtime.limitsMechanism().capsSandbox(),
                "no cgroups for this user here (" + fx.runtime.limitsMechanismName() + "): run as root or delegate a cgroup");
    }

    private SandboxSpec spec(String script, Limits limits) {
        return fx.spec("family", false, List.of("/bin/bash", "-c", script), Duration.ofSeconds(60)).withLimits(limits);
    }

    @Test
    void reapStraysKillsWhatATurnLeftAndKeepsTheInitTheAgentAndTheAgentsChildren() throws Exception {
        String script = """
                S="str""ay-%1$s"; K="ke""pt-%1$s"
                sh -c 'sleep 600; :' "$K" &
                ( sh -c 'while :; do sleep 0.2; done' "$S" & )
                ( setsid sh -c 'trap "" HUP TERM; while :; do sleep 0.2; done' "$S" & )
                ( sh -c 'f() { (sleep 0.05; f) & }; f; sleep 0.1' "$S" & )
                for i in $(seq 20); do ( sh -c 'sleep 600; :' "$S" & ); done
                echo ready > ready
                exec sleep 60
                """.formatted(id);
        SandboxProcess p = fx.runtime.start(spec(script, Limits.DEFAULT));
        try {
            BwrapLimitsTest.awaitUntil(() -> Files.exists(fx.home.resolve("groups/family/ready")) && HostProcesses.withMarker(stray) >= 22);
            int killed = p.reapStrays();
            assertThat(killed).isGreaterThanOrEqualTo(22);
            assertThat(HostProcesses.withMarker(stray)).isZero();
            Thread.sleep(500); // nothing comes back: the rabbit's successors were caught too
            assertThat(HostProcesses.withMarker(stray)).isZero();
            assertThat(HostProcesses.withMarker(kept)).as("the agent's own child (an MCP server) stays").isEqualTo(1);
            assertThat(p.isAlive()).isTrue();
            assertThat(p.reapStrays()).as("a second pass finds nothing").isZero();
        } finally {
            p.kill();
        }
        p.waitFor();
        assertThat(HostProcesses.withMarker(kept)).isZero();
    }

    @Test
    void aForkBombLeavesOnlyTheInitAndTheAgentInTheCgroups() throws Exception {
        requireCgroups();
        String script = """
                echo ready > ready
                ( ( bomb() { bomb | bomb & }; while :; do bomb; done ) 2>/dev/null & )
                exec sleep 60
                """;
        SandboxProcess p = fx.runtime.start(spec(script, new Limits(256, 64, 0.5)));
        try {
            Path pids = cgroups(p).get(1);
            BwrapLimitsTest.awaitUntil(() -> Long.parseLong(BwrapLimitsTest.read(pids.resolve("pids.current"))) >= 60);
            p.reapStrays();
            // the launcher (bwrap outside), the namespace's init (bwrap) and pid 2 (the stand-in agent)
            assertThat(Long.parseLong(BwrapLimitsTest.read(pids.resolve("pids.current")))).isEqualTo(3);
            Thread.sleep(300);
            assertThat(Long.parseLong(BwrapLimitsTest.read(pids.resolve("pids.current")))).isEqualTo(3);
            assertThat(p.isAlive()).isTrue();
        } finally {
            p.kill();
        }
    }

    @Test
    void aSandboxThatEndsNormallyRemovesItsCgroups() throws Exception {
        requireCgroups();
        SandboxProcess p = fx.runtime.start(spec("true", Limits.DEFAULT));
        List<Path> dirs = cgroups(p);
        assertThat(dirs).isNotEmpty();
        assertThat(p.waitFor().succeeded()).isTrue();
        assertThat(dirs).allSatisfy(d -> assertThat(d).doesNotExist());
    }

    @Test
    void cgroupsAKilledHostLeftBehindAreRemovedWhenPincerStarts() throws Exception {
        requireCgroups();
        LimitsMechanism m = fx.runtime.limitsMechanism();
        Duration t = Duration.ofSeconds(10);
        AppliedLimits left = m.apply(LimitsMechanism.sandboxName("", "family"), Limits.DEFAULT, t); // never released
        AppliedLimits busy = m.apply(LimitsMechanism.sandboxName("", "family"), Limits.DEFAULT, t);
        AppliedLimits young = m.apply(LimitsMechanism.sandboxName("", "family"), Limits.DEFAULT, t);
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            for (Path procs : busy.procsFiles()) {
                Files.writeString(procs, sleeper.pid() + "\n");
            }
            FileTime hoursAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
            for (Path d : Stream.concat(left.cgroups().stream(), busy.cgroups().stream()).toList()) {
                Files.setLastModifiedTime(d, hoursAgo);
            }

            assertThat(fx.runtime.removeLeftovers()).isGreaterThanOrEqualTo(left.cgroups().size());

            assertThat(left.cgroups()).allSatisfy(d -> assertThat(d).doesNotExist());
            assertThat(busy.cgroups()).as("a cgroup with a live process").allSatisfy(d -> assertThat(d).isDirectory());
            assertThat(young.cgroups()).as("a cgroup just made (its launcher may not have joined yet)")
                    .allSatisfy(d -> assertThat(d).isDirectory());
        } finally {
            sleeper.destroyForcibly().waitFor();
            busy.release();
            young.release();
        }
        assertThat(busy.cgroups()).allSatisfy(d -> assertThat(d).doesNotExist());
    }

    private static List<Path> cgroups(SandboxProcess p) {
        return ((AppliedLimits) p.resources()).cgroups();
    }
}
