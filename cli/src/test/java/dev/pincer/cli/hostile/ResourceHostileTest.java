package dev.pincer.cli.hostile;

import static dev.pincer.cli.hostile.Hostile.rc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.cli.Harness;
import dev.pincer.host.sandbox.bwrap.BwrapRuntime;
import dev.pincer.host.sandbox.limits.LimitsMechanism;
import dev.pincer.host.sandbox.limits.Prlimit;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile agent tries to exhaust the host's memory and process table from its Bash tool, under
 * the default sandbox limits (1024 MiB, 256 pids) as this host enforces them: cgroups (as root on the
 * reference machine, or a normal user with a delegated cgroup), else prlimit, which the harness then
 * allows as an operator would have to. The bombs die inside the sandbox, and the agent itself
 * lives on to report them. The wall-clock and CPU
 * cases are covered directly on bwrap in {@code host/.../sandbox/bwrap/BwrapLimitsTest}.
 */
class ResourceHostileTest {

    @TempDir static Path home;
    @TempDir static Path xdg;
    static Harness h;
    static Probes family;

    @BeforeAll
    static void attack() throws Exception {
        h = Hostile.start(home, xdg, Map.of());
        family = new Probes()
                .bash("memoryBomb", "perl -e '$x = \"x\" x (2*1024**3); print \"allocated-\", length($x), \"\\n\"' 2>&1; echo rc=$?")
                .bash("forkBomb", "perl -e 'my @k; for (1..400) { my $p = fork(); if (!defined $p) { last } "
                        + "if ($p == 0) { sleep 60; exit 0 } push @k, $p } print \"forked=\", scalar(@k), \"\\n\"; "
                        + "kill 9, @k; 1 while wait() > 0' 2>&1; echo rc=$?")
                .bash("after", "echo still-alive; echo rc=$?")
                .run(h, "family");
        System.out.println(family.all());
    }

    @AfterAll
    static void stop() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    /** How this host limits the sandbox (cgroups as root; a normal user may have only prlimit, allowed by the harness). */
    private static LimitsMechanism mechanism() {
        return ((BwrapRuntime) h.runtime).limitsMechanism();
    }

    @Test
    void aMemoryBombIsOomKilledInsideTheSandboxAndTheAgentLivesOn() {
        String out = family.out("memoryBomb");
        assertThat(out).as(family.all()).doesNotContain("allocated-2147483648");
        if (mechanism().capsSandbox()) {
            assertThat(rc(out)).as(out).isEqualTo(137); // the cgroup's OOM killer
        } else {
            assertThat(rc(out)).as(mechanism().name() + ": RLIMIT_DATA refuses the allocation; " + out).isNotZero().isNotEqualTo(137);
        }
        assertThat(family.out("after")).contains("still-alive");
    }

    @Test
    void aForkBombStopsAtThePidsLimit() {
        String out = family.out("forkBomb");
        int forked = Integer.parseInt(out.replaceAll("(?s).*forked=(\\d+).*", "$1"));
        if (mechanism().capsSandbox() || mechanism() instanceof Prlimit p && p.ownAgentUid()) {
            // 256 tasks in the sandbox (or for the agent uid), some of them the agent's own threads and processes
            assertThat(forked).as(out).isPositive().isLessThan(256);
        } else {
            // prlimit as the user's own uid has no task limit (PINCER_ALLOW_UNLIMITED=1 accepted that): all 400 forked
            assertThat(forked).as(mechanism().name() + ": " + out).isEqualTo(400);
        }
        assertThat(family.out("after")).contains("still-alive");
    }
}
