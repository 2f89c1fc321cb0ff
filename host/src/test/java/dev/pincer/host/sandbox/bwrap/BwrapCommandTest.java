package dev.pincer.host.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.sandbox.AgentUser;
import dev.pincer.host.sandbox.Mask;
import dev.pincer.host.sandbox.Mount;
import dev.pincer.host.sandbox.MountPlan;
import dev.pincer.host.sandbox.SandboxSpec;
import dev.pincer.host.sandbox.limits.AppliedLimits;
import dev.pincer.protocol.SandboxPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BwrapCommandTest {
    static final Path GROUP = Path.of("/srv/pincer home/groups/main");
    static final Path HOME = Path.of("/srv/pincer home");
    static final MountPlan PLAN = new MountPlan("main", true, "/usr",
            List.of(Mount.readWrite(GROUP, SandboxPaths.GROUP), Mount.readOnly(HOME, SandboxPaths.PROJECT)),
            List.of(new Mask("/workspace/project/.env", false), new Mask("/workspace/project/store", true)));
    static final SandboxSpec SPEC = SandboxSpec.of(PLAN, List.of("/bin/sh", "-c", "echo hi"),
            Map.of("HOME", "/home/agent"), Duration.ofSeconds(5), Path.of("/tmp/x.log"));
    static final Path ETC = Path.of("/tmp/pincer-etc-1");

    @Test
    void asRootStagesSourcesAsPositionalArgumentsAndDropsPrivilegesBeforeBwrap() {
        var launch = new BwrapCommand.Launch(Path.of("/usr/bin/bwrap"), new AgentUser(60000, 60001), true,
                Path.of("/run/pincer-stage"), Path.of("/usr/bin/unshare"), Path.of("/usr/bin/setpriv"));
        List<String> cmd = BwrapCommand.build(launch, SPEC, PLAN.mounts(), ETC);
        assertThat(cmd.subList(0, 10)).containsExactly("/usr/bin/unshare", "--mount", "--propagation", "private",
                "/bin/sh", "-c", BwrapCommand.STAGE_SCRIPT, "pincer-stage", "/run/pincer-stage", "3");
        assertThat(cmd.subList(10, 13)).containsExactly(ETC.toString(), GROUP.toString(), HOME.toString());
        // the masks, applied to the staged project (entry 2) as root: count, then kind and path pairs
        assertThat(cmd.subList(13, 18)).containsExactly("2", "file", "2/.env", "dir", "2/store");
        assertThat(cmd.subList(18, 28)).containsExactly("/usr/bin/setpriv", "--reuid", "60000", "--regid", "60001",
                "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "/usr/bin/bwrap");
        // the script text never contains a path
        assertThat(BwrapCommand.STAGE_SCRIPT).doesNotContain("pincer home").doesNotContain("/srv");
        List<String> bwrap = cmd.subList(27, cmd.size());
        assertThat(Collections.indexOfSubList(bwrap, List.of("--bind", "/run/pincer-stage/1", "/workspace/group"))).isPositive();
        assertThat(Collections.indexOfSubList(bwrap, List.of("--ro-bind", "/run/pincer-stage/2", "/workspace/project"))).isPositive();
        assertThat(Collections.indexOfSubList(bwrap, List.of("--ro-bind", "/run/pincer-stage/0/passwd", "/etc/passwd"))).isPositive();
        // bwrap itself applies no masks then: the agent uid may not be able to reach them
        assertThat(bwrap).doesNotContain("/workspace/project/.env");
        commonBwrapChecks(bwrap, false);
    }

    @Test
    void asAUserRunsBwrapDirectlyFromTheRealSources() {
        var launch = new BwrapCommand.Launch(Path.of("/usr/bin/bwrap"), new AgentUser(60000, 60000), false,
                Path.of("/run/pincer-stage"), null, null);
        List<String> cmd = BwrapCommand.build(launch, SPEC, PLAN.mounts(), ETC);
        assertThat(cmd.get(0)).isEqualTo("/usr/bin/bwrap");
        assertThat(cmd).doesNotContain("setpriv", "/usr/bin/unshare");
        assertThat(Collections.indexOfSubList(cmd, List.of("--bind", GROUP.toString(), "/workspace/group"))).isPositive();
        commonBwrapChecks(cmd, true);
    }

    @Test
    void withSeccompATrampolineOpensTheProgramAsFd9AndBwrapLoadsIt() {
        Path bpf = Path.of("/tmp/pincer etc/seccomp.bpf");
        var root = new BwrapCommand.Launch(Path.of("/usr/bin/bwrap"), new AgentUser(60000, 60001), true,
                Path.of("/run/pincer-stage"), Path.of("/usr/bin/unshare"), Path.of("/usr/bin/setpriv"));
        List<String> plain = BwrapCommand.build(root, SPEC, PLAN.mounts(), ETC);
        List<String> cmd = BwrapCommand.build(root, SPEC, PLAN.mounts(), ETC, bpf);
        // the path is the trampoline's $0, never part of its script
        assertThat(cmd.subList(0, 4)).containsExactly("/bin/sh", "-c", "exec \"$@\" 9<\"$0\"", bpf.toString());
        assertThat(BwrapCommand.SECCOMP_TRAMPOLINE).doesNotContain("/tmp").doesNotContain("seccomp.bpf");
        int bwrap = plain.indexOf("/usr/bin/bwrap");
        assertThat(cmd.subList(4, 4 + bwrap + 1)).isEqualTo(plain.subList(0, bwrap + 1));
        assertThat(cmd.subList(4 + bwrap + 1, 4 + bwrap + 3)).containsExactly("--seccomp", "9");
        assertThat(cmd.subList(4 + bwrap + 3, cmd.size())).isEqualTo(plain.subList(bwrap + 1, plain.size()));

        var user = new BwrapCommand.Launch(Path.of("/usr/bin/bwrap"), new AgentUser(60000, 60000), false,
                Path.of("/run/pincer-stage"), null, null);
        List<String> direct = BwrapCommand.build(user, SPEC, PLAN.mounts(), ETC, bpf);
        assertThat(direct.subList(0, 7)).containsExactly("/bin/sh", "-c", BwrapCommand.SECCOMP_TRAMPOLINE,
                bpf.toString(), "/usr/bin/bwrap", "--seccomp", "9");
        commonBwrapChecks(direct.subList(4, direct.size()), true);
        assertThat(BwrapCommand.build(user, SPEC, PLAN.mounts(), ETC, null)).isEqualTo(BwrapCommand.build(user, SPEC, PLAN.mounts(), ETC));
    }

    @Test
    void theJoinStageTakesTheProcsFilesAsArgumentsNeverInTheScript() {
        Path weird = Path.of("/sys/fs/cgroup/pids/pincer-x; rm -rf $HOME");
        AppliedLimits a = new AppliedLimits(List.of(weird), List.of("/usr/bin/prlimit", "--"));
        List<String> cmd = BwrapCommand.limited(a, List.of("/usr/bin/unshare", "--mount"));
        assertThat(cmd).containsExactly("/usr/bin/prlimit", "--", "/bin/sh", "-c", BwrapCommand.JOIN_SCRIPT, "pincer-join",
                "1", weird.resolve("cgroup.procs").toString(), "/usr/bin/unshare", "--mount");
        assertThat(BwrapCommand.JOIN_SCRIPT).doesNotContain("pincer-x").contains("echo $$ > \"$1\"");
        assertThat(BwrapCommand.limited(AppliedLimits.NONE, List.of("bwrap"))).containsExactly("bwrap");
    }


    private static void commonBwrapChecks(List<String> bwrap, boolean masksInBwrap) {
        assertThat(bwrap).contains("--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent",
                "--new-session", "--clearenv");
        assertThat(Collections.indexOfSubList(bwrap, List.of("--cap-drop", "ALL"))).isPositive();
        assertThat(Collections.indexOfSubList(bwrap, List.of("--setenv", "HOME", "/home/agent"))).isPositive();
        assertThat(Collections.indexOfSubList(bwrap, List.of("--ro-bind", "/usr", "/usr"))).isPositive();
        if (masksInBwrap) {
            masksFollowTheProjectMount(bwrap);
        }
        assertThat(bwrap.subList(bwrap.size() - 6, bwrap.size()))
                .containsExactly("--chdir", "/workspace/group", "--", "/bin/sh", "-c", "echo hi");
    }

    /** Masks come after the project mount they hide parts of. */
    private static void masksFollowTheProjectMount(List<String> bwrap) {
        int project = bwrap.indexOf("/workspace/project");
        int env = Collections.indexOfSubList(bwrap, List.of("--ro-bind", "/dev/null", "/workspace/project/.env"));
        int store = Collections.indexOfSubList(bwrap, List.of("--tmpfs", "/workspace/project/store",
                "--remount-ro", "/workspace/project/store"));
        assertThat(env).isGreaterThan(project);
        assertThat(store).isGreaterThan(project);
    }
}
