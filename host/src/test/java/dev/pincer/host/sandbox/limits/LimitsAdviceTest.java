package dev.pincer.host.sandbox.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What doctor and a refused sandbox say when a host offers no per-sandbox limits: why, and the exact commands. */
class LimitsAdviceTest {
    private static final Prlimit PRLIMIT = new Prlimit(Path.of("/usr/bin/prlimit"), false);
    private static final List<LimitsProbe.CgroupMount> HYBRID = LimitsProbe.cgroupMounts(List.of(
            "cgroup /sys/fs/cgroup/cpu cgroup rw,relatime,cpu 0 0",
            "cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0",
            "cgroup /sys/fs/cgroup/pids cgroup rw,relatime,pids 0 0",
            "cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0"));
    private static final List<LimitsProbe.CgroupMount> V2 = LimitsProbe.cgroupMounts(List.of(
            "cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime 0 0"));

    @Test
    void aNormalUserOnCgroupV1IsToldToRunAsRootOrHowToDelegate() {
        LimitsAdvice a = LimitsAdvice.of(PRLIMIT, HYBRID, List.of("8:pids:/", "4:memory:/x", "1:cpu:/"), false, "alice");
        assertThat(a.why()).contains("prlimit").contains("no memory or process limit of their own")
                .contains("nor a 'pincer' cgroup in each hierarchy is writable for alice");
        assertThat(a.fix()).contains("run Pincer as root")
                .contains("for d in /sys/fs/cgroup/memory/pincer /sys/fs/cgroup/pids/pincer /sys/fs/cgroup/cpu/pincer;"
                        + " do mkdir -p $d && chown -R alice $d; done")
                .contains("set PINCER_ALLOW_UNLIMITED=1");
    }

    @Test
    void aNormalUserOnCgroupV2IsToldHowToStartInADelegatedCgroup() {
        LimitsAdvice a = LimitsAdvice.of(PRLIMIT, V2, List.of("0::/user.slice/user-1000.slice/session-3.scope"), false, "alice");
        assertThat(a.why()).contains("cgroup v2 is mounted at /sys/fs/cgroup")
                .contains("/user.slice/user-1000.slice/session-3.scope is not delegated");
        assertThat(a.fix()).contains("systemd-run --user --scope -p Delegate=yes ./pincer start")
                .contains("mkdir /sys/fs/cgroup/pincer && echo '+memory +pids +cpu' > /sys/fs/cgroup/cgroup.subtree_control"
                        + " && chown alice /sys/fs/cgroup/pincer /sys/fs/cgroup/pincer/cgroup.procs")
                .contains("exec ./pincer start")
                .contains("PINCER_ALLOW_UNLIMITED=1");
    }

    @Test
    void rootIsToldWhatKeepsItFromItsCgroups() {
        LimitsAdvice v1 = LimitsAdvice.of(new Prlimit(Path.of("/usr/bin/prlimit"), true), HYBRID, List.of(), true, "root");
        assertThat(v1.fix()).contains("mount the cgroup v1 hierarchies read-write").doesNotContain("chown");
        LimitsAdvice v2 = LimitsAdvice.of(new Prlimit(Path.of("/usr/bin/prlimit"), true), V2, List.of("0::/"), true, "root");
        assertThat(v2.fix()).contains("systemd-run --scope -p Delegate=yes ./pincer start").doesNotContain("--user");
        LimitsAdvice none = LimitsAdvice.of(new LimitsMechanism.None("no writable cgroup and no prlimit"), List.of(), List.of(),
                true, "root");
        assertThat(none.why()).contains("no cgroup file system is mounted");
        assertThat(none.fix()).contains("mount -t cgroup2").contains("PINCER_ALLOW_UNLIMITED=1");
    }
}
