package dev.pincer.cli.hostile;

import static dev.pincer.cli.hostile.Hostile.rc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.cli.Harness;
import dev.pincer.host.sandbox.limits.CgroupV1;
import dev.pincer.host.sandbox.limits.CgroupV2;
import dev.pincer.host.sandbox.limits.LimitsMechanism;
import dev.pincer.host.sandbox.limits.LimitsProbe;
import dev.pincer.host.sandbox.limits.Prlimit;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile agent tries to exhaust the host's memory and process table from its Bash tool, under
 * the default sandbox limits (1024 MiB, 256 pids). What must happen depends on how this host
 * enforces limits, so each test first finds that out: a cgroup (v1 or v2, or the container
 * engine's) kills the memory bomb and caps the tasks; the {@code prlimit} fallback makes the
 * allocation fail (RLIMIT_DATA) and caps tasks only when sandboxes run as their own uid. The agent
 * itself lives on to report. The wall-clock and CPU cases are covered directly on bwrap in
 * {@code host/.../sandbox/bwrap/BwrapLimitsTest}.
 */
class ResourceHostileTest {

    @TempDir static Path home;
    @TempDir static Path xdg;
    static Harness h;
    static Probes family;
    /** How bwrap sandboxes are limited here; null on a container runtime (the engine's cgroups). */
    static LimitsMechanism mechanism;

    @BeforeAll
    static void attack() throws Exception {
        mechanism = Hostile.containers() ? null : LimitsProbe.probe();
        h = Hostile.start(home, xdg, Map.of());
        family = new Probes()
                .bash("memoryBomb", "perl -e '$x = \"x\" x (2*1024**3); print \"allocated-\", length($x), \"\\n\"' 2>&1; echo rc=$?")
                .bash("forkBomb", "perl -e 'my @k; for (1..400) { my $p = fork(); if (!defined $p) { last } "
                        + "if ($p == 0) { sleep 60; exit 0 } push @k, $p } print \"forked=\", scalar(@k), \"\\n\"; "
                        + "kill 9, @k; 1 while wait() > 0' 2>&1; echo rc=$?")
                .bash("after", "echo still-alive; echo rc=$?")
                .run(h, "family");
    }

    @AfterAll
    static void stop() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    private static boolean cgroups() {
        return mechanism == null || mechanism instanceof CgroupV1 || mechanism instanceof CgroupV2;
    }

    private static String limits() {
        return mechanism == null ? Hostile.runtime() + " (its cgroups)" : mechanism.name();
    }

    @Test
    void aMemoryBombIsOomKilledInsideTheSandboxAndTheAgentLivesOn() {
        String out = family.out("memoryBomb");
        assertThat(out).as(family.all()).doesNotContain("allocated-2147483648");
        if (cgroups()) {
            assertThat(rc(out)).as(limits() + ": " + out).isEqualTo(137);
        } else {
            // prlimit (allowed with PINCER_ALLOW_UNLIMITED=1 where there is no cgroup): RLIMIT_DATA refuses the allocation
            assertThat(mechanism).as(limits()).isInstanceOf(Prlimit.class);
            assertThat(out).as(limits() + ": the allocation fails").contains("Out of memory");
            assertThat(rc(out)).as(out).isNotZero().isNotEqualTo(137);
        }
        assertThat(family.out("after")).contains("still-alive");
    }

    @Test
    void aForkBombStopsAtThePidsLimit() {
        boolean tasksCapped = cgroups() || mechanism instanceof Prlimit p && p.ownAgentUid();
        String out = family.out("forkBomb");
        int forked = Integer.parseInt(out.replaceAll("(?s).*forked=(\\d+).*", "$1"));
        if (tasksCapped) {
            // 256 tasks in the sandbox (or for the agent uid), some of them the agent's own threads and processes
            assertThat(forked).as(limits() + ": " + out).isPositive().isLessThan(256);
        } else {
            // prlimit as the user's own uid has no task limit (PINCER_ALLOW_UNLIMITED=1 accepted that): all 400 forked
            assertThat(forked).as(limits() + ": " + out).isEqualTo(400);
        }
        assertThat(family.out("after")).contains("still-alive");
    }
}
