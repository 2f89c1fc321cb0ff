package dev.pincer.host.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.sandbox.HostSystem;
import dev.pincer.host.sandbox.Launcher;
import dev.pincer.host.sandbox.MountPlan;
import dev.pincer.host.sandbox.PincerHomeFixture;
import dev.pincer.host.sandbox.SandboxExit;
import dev.pincer.host.sandbox.SandboxSpec;
import dev.pincer.protocol.SandboxPaths;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What an agent can and cannot see and do, checked with real bubblewrap. */
class BwrapIsolationTest extends RealBwrapTest {
    @Test
    void runsAsTheUnprivilegedAgentUidAndItsFilesBelongToIt() throws Exception {
        for (String folder : List.of("main", "family")) {
            var r = fx.sh(folder, folder.equals("main"), "id -u; id -g; whoami; echo hi > /workspace/group/out.txt");
            assertThat(r.exit()).as(r.output()).isEqualTo(new SandboxExit.Exited(0));
            assertThat(r.lines()).containsExactly("60000", "60000", "agent");
            Path out = fx.home.resolve("groups").resolve(folder).resolve("out.txt");
            assertThat(Files.readString(out)).isEqualTo("hi\n");
            // on the host: the agent uid when Pincer runs as root, else the user's own uid (mapped to 60000 inside)
            int hostUid = HostSystem.effectiveUid() == 0 ? 60000 : HostSystem.effectiveUid();
            assertThat(Files.getAttribute(out, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(hostUid);
        }
    }

    @Test
    void theEnvironmentIsExactlyTheSpecEnvironment() throws Exception {
        var r = fx.run(fx.spec("family", false, List.of("/usr/bin/env"), java.time.Duration.ofSeconds(30)));
        assertThat(r.exit().succeeded()).as(r.output()).isTrue();
        // bwrap adds PWD for --chdir; nothing else
        assertThat(r.lines()).containsExactlyInAnyOrder("PATH=/usr/bin:/bin", "HOME=/home/agent", "PINCER_MARK=inside-ok",
                "PWD=/workspace/group");
    }

    @Test
    void nothingFromTheHostEnvironmentIsVisibleInsideEvenInProc() throws Exception {
        var r = fx.sh("family", false, "tr '\\0' '\\n' < /proc/1/environ; echo ---; tr '\\0' '\\n' < /proc/self/environ");
        assertThat(r.exit().succeeded()).as(r.output()).isTrue();
        String[] parts = r.output().split("---");
        // bwrap's own environment (pid 1) is the launcher's: only the fixed minimal set
        Set<String> pid1Names = parts[0].lines().filter(l -> l.contains("=")).map(l -> l.substring(0, l.indexOf('=')))
                .collect(Collectors.toSet());
        Set<String> allowed = new java.util.HashSet<>(Launcher.ENV.keySet());
        allowed.add("PWD");
        assertThat(pid1Names).isSubsetOf(allowed);
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            String v = e.getValue();
            if (v.length() >= 8 && !Launcher.ENV.containsValue(v) && !PincerHomeFixture.env().containsValue(v)) {
                assertThat(r.output()).as("host variable %s leaked", e.getKey()).doesNotContain(v);
            }
        }
    }

    @Test
    void clearenvKeepsALeakyLauncherEnvironmentOutOfTheAgentsEnvironment() throws Exception {
        String secret = "sk-ant-FAKE-launcher-secret-424242";
        var leaky = PincerHomeFixture.unlimitedWhereNeeded(new BwrapRuntime(fx.runtime.binary(), 60000, 60000,
                BwrapRuntime.DEFAULT_STAGE_DIR, Map.of("PATH", "/usr/bin:/bin", "ANTHROPIC_API_KEY", secret)));
        var fx2 = new PincerHomeFixture<>(tmp.resolve("leaky"), leaky);
        var r = fx2.sh("family", false, "env; tr '\\0' '\\n' < /proc/self/environ");
        assertThat(r.exit().succeeded()).as(r.output()).isTrue();
        assertThat(r.output()).contains("PINCER_MARK=inside-ok").doesNotContain(secret).doesNotContain("ANTHROPIC_API_KEY");
    }

    @Test
    void groupIpcHomeAndRunDirectoriesAreWritableAndShowOnTheHost() throws Exception {
        var r = fx.sh("family", false, "set -e; echo g > /workspace/group/g.txt; echo i > /workspace/ipc/output/i.txt;"
                + " echo h > \"$HOME/h.txt\"; echo r > /run/pincer/r.txt; echo done");
        assertThat(r.output()).as(r.output()).endsWith("done");
        assertThat(fx.home.resolve("groups/family/g.txt")).hasContent("g");
        assertThat(MountPlan.ipcDir(fx.home, "family").resolve("output/i.txt")).hasContent("i");
        assertThat(MountPlan.sessionsDir(fx.home, "family").resolve("h.txt")).hasContent("h");
        assertThat(MountPlan.runDir(fx.home, "family").resolve("r.txt")).hasContent("r");
    }

    @Test
    void globalMemoryIsReadOnlyForOtherGroupsAndWritableForMain() throws Exception {
        var main = fx.sh("main", true, "echo 'from main' >> /workspace/global/CLAUDE.md && echo WROTE");
        assertThat(main.output()).contains("WROTE");
        assertThat(fx.home.resolve("groups/global/CLAUDE.md")).hasContent("global memory\nfrom main");
        // main's run handed global/ to the agent uid, so only the read-only mount stops this
        var family = fx.sh("family", false, "cat /workspace/global/CLAUDE.md; echo x >> /workspace/global/CLAUDE.md && echo WROTE;"
                + " touch /workspace/global/new && echo CREATED");
        assertThat(family.output()).contains("global memory").contains("Read-only file system")
                .doesNotContain("WROTE").doesNotContain("CREATED");
        assertThat(fx.home.resolve("groups/global/CLAUDE.md")).hasContent("global memory\nfrom main");
    }

    @Test
    void mainSeesTheProjectReadOnlyWithSecretsMasked() throws Exception {
        var r = fx.sh("main", true, "cat /workspace/project/README.md; echo '--env'; cat /workspace/project/.env;"
                + " echo '--store'; ls -A /workspace/project/store; cat /workspace/project/store/pincer.db;"
                + " echo '--data'; ls -A /workspace/project/data; cat /workspace/project/data/web-token;"
                + " echo '--logs'; ls -A /workspace/project/logs; echo '--write';"
                + " echo x > /workspace/project/new.txt; echo x > /workspace/project/store/x; echo '--end'");
        String out = r.output();
        assertThat(out).contains("project readme").contains("--end");
        assertThat(out).doesNotContain(PincerHomeFixture.ENV_SECRET).doesNotContain(PincerHomeFixture.DB_SECRET);
        // /dev/null is bound over the file; bwrap's nodev binds make it unreadable, so it reads as denied
        assertThat(section(out, "--env", "--store")).isIn("", "cat: /workspace/project/.env: Permission denied");
        assertThat(section(out, "--store", "--data")).contains("No such file");
        assertThat(section(out, "--data", "--logs")).contains("No such file").doesNotContain("ipc").doesNotContain("sessions");
        assertThat(section(out, "--logs", "--write")).isEmpty();
        assertThat(section(out, "--write", "--end")).contains("Read-only file system");
        assertThat(fx.home.resolve("new.txt")).doesNotExist();
    }

    @Test
    void aPrivatePincerHomeStillRunsMainWithTheSecretsMasked() throws Exception {
        // A 0700 PINCER_HOME: the agent uid cannot traverse it, so the masks are applied while staging, as root.
        java.nio.file.Files.setPosixFilePermissions(fx.home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        var r = fx.sh("main", true, "cat /workspace/project/.env; cat /workspace/project/store/pincer.db;"
                + " echo ok > /workspace/group/written; echo '--end'");
        assertThat(r.output()).contains("--end").doesNotContain(PincerHomeFixture.ENV_SECRET)
                .doesNotContain(PincerHomeFixture.DB_SECRET).doesNotContain("Can't");
        assertThat(fx.home.resolve("groups/main/written")).hasContent("ok");
    }

    @Test
    void otherGroupsSeeNeitherTheProjectNorOtherGroups() throws Exception {
        var r = fx.sh("family", false, "ls -A /workspace; ls -A /; echo '--probe';"
                + " ls /workspace/project; cat /workspace/project/.env; grep -r FAKE / --include=CLAUDE.md 2>/dev/null; echo '--end'");
        assertThat(r.lines().get(0)).isEqualTo("global");
        assertThat(section(r.output(), "", "--probe").lines().toList())
                .containsExactly("global", "group", "ipc", "bin", "dev", "etc", "home", "lib", "lib64", "opt", "proc", "run",
                        "sbin", "tmp", "usr", "workspace");
        assertThat(r.output()).doesNotContain(PincerHomeFixture.OTHER_GROUP_SECRET).doesNotContain(PincerHomeFixture.ENV_SECRET);
        assertThat(section(r.output(), "--probe", "--end")).contains("No such file");
    }

    @Test
    void rootsHomeAndShadowAreNotReadable() throws Exception {
        var r = fx.sh("main", true, "ls /root; cat /etc/shadow; ls /home; cat /etc/passwd");
        assertThat(r.output()).contains("ls: cannot access '/root'").contains("cat: /etc/shadow: No such file")
                .doesNotContain("root:");
        assertThat(r.output()).contains("agent:x:60000:60000:agent:/home/agent:/bin/sh");
    }

    @Test
    void theAgentJarIsReadOnly() throws Exception {
        var r = fx.sh("family", false, "cat " + SandboxPaths.AGENT_JAR + "; echo; echo x > " + SandboxPaths.AGENT_JAR);
        assertThat(r.output()).contains("not really a jar").contains("Read-only file system");
    }

    @Test
    void theAgentJvmStartsInside() throws Exception {
        MountPlan plan = fx.plan("family", false);
        List<String> argv = List.of(plan.javaHome() + "/bin/java", "-Xmx64m", "-XX:-UsePerfData", "-version");
        var r = fx.run(SandboxSpec.of(plan, argv, PincerHomeFixture.env(), java.time.Duration.ofSeconds(30),
                fx.logs.resolve("java.log")));
        assertThat(r.exit()).as(r.output()).isEqualTo(new SandboxExit.Exited(0));
        assertThat(r.output()).contains("version");
    }

    @Test
    void theExitCodeOfTheCommandIsReported() throws Exception {
        assertThat(fx.sh("family", false, "exit 7").exit()).isEqualTo(new SandboxExit.Exited(7));
    }

    static String section(String text, String from, String to) {
        int start = from.isEmpty() ? 0 : text.indexOf(from) + from.length();
        int end = text.indexOf(to, start);
        assertThat(start).as("marker %s in %s", from, text).isGreaterThanOrEqualTo(from.length());
        assertThat(end).as("marker %s in %s", to, text).isGreaterThanOrEqualTo(0);
        return text.substring(start, end).strip();
    }

    static Set<String> words(String s) {
        return Arrays.stream(s.split("\\s+")).filter(w -> !w.isEmpty()).collect(Collectors.toSet());
    }

    @Test
    void tmpAndDevShmAreSizeLimitedAndTheRestOfDevIsReadOnly() throws Exception {
        var r = fx.sh("family", false, """
                dd if=/dev/zero of=/dev/shm/fill bs=1M count=100 2>/dev/null; echo shm=$(( $(stat -c %s /dev/shm/fill) >> 20 ))
                dd if=/dev/zero of=/tmp/fill bs=1M count=300 2>/dev/null; echo tmp=$(( $(stat -c %s /tmp/fill) >> 20 ))
                touch /dev/planted 2>/dev/null; echo dev-write=$?
                echo ok > /dev/null && head -c 4 /dev/urandom | wc -c
                """);
        assertThat(r.exit().succeeded()).as(r.output()).isTrue();
        assertThat(r.lines()).containsExactly("shm=64", "tmp=256", "dev-write=1", "4");
    }
}
