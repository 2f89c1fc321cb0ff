package dev.pincer.host.sandbox.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.sandbox.FakeUpstream;
import dev.pincer.host.sandbox.HostSystem;
import dev.pincer.host.sandbox.Limits;
import dev.pincer.host.sandbox.MountPlan;
import dev.pincer.host.sandbox.PincerHomeFixture;
import dev.pincer.host.sandbox.SandboxExit;
import dev.pincer.host.sandbox.SandboxProcess;
import dev.pincer.host.sandbox.SandboxSpec;
import dev.pincer.host.sandbox.SelfTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker (or Podman) runtime against a real daemon. Runs only when one is reachable (a
 * {@code docker info} or {@code podman info} succeeds with this process's environment, e.g.
 * DOCKER_HOST); it starts no daemon itself. The image is a skeleton made with {@code import} from a
 * tar of empty mount points and usr-merge links, with the host's /usr bound read-only.
 */
class ContainerSandboxTest {
    static final String SKELETON = "pincer-skeleton:test";
    static String flavor;
    static Path cli;

    @TempDir
    Path tmp;
    PincerHomeFixture<ContainerRuntime> fx;
    ContainerRuntime runtime;

    @BeforeAll
    static void daemon() throws Exception {
        for (String name : List.of("docker", "podman")) {
            var bin = HostSystem.findExecutable(name);
            if (bin.isPresent() && quiet(List.of(bin.get().toString(), "info")) == 0) {
                flavor = name;
                cli = bin.get();
                break;
            }
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(flavor != null, "skipped: no reachable Docker or Podman daemon (docker info / podman info"
                + " failed; set DOCKER_HOST to a running dockerd's socket to run these tests)");
        importSkeleton(tmp.resolve("skeleton"));
        runtime = flavor.equals("docker")
                ? ContainerRuntime.docker(cli.toString(), null, SKELETON, 60000, 60000, true)
                : ContainerRuntime.podman(cli.toString(), SKELETON, 60000, 60000, true, true);
        fx = new PincerHomeFixture<>(tmp, runtime);
    }

    /**
     * A 10 KB image: the mount points (a world-writable /tmp, whose mode the tmpfs there takes) and the
     * usr-merge links; everything else comes from the host's /usr.
     */
    static void importSkeleton(Path dir) throws Exception {
        for (String d : List.of("etc", "tmp", "proc", "sys", "dev", "usr", "workspace", "home", "run", "opt")) {
            Files.createDirectories(dir.resolve(d));
        }
        Files.setPosixFilePermissions(dir.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        for (String link : List.of("bin", "lib", "lib64", "sbin")) {
            Files.createSymbolicLink(dir.resolve(link), Path.of("usr", link));
        }
        Path tar = dir.resolveSibling("skeleton.tar");
        assertThat(quiet(List.of("tar", "-C", dir.toString(), "-cf", tar.toString(), "."))).isZero();
        assertThat(quiet(List.of(cli.toString(), "import", tar.toString(), SKELETON))).isZero();
    }

    static int quiet(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    PincerHomeFixture.Result sh(String folder, boolean main, String script) throws Exception {
        return fx.sh(folder, main, script, Duration.ofSeconds(60));
    }

    int expectedUid() {
        return runtime.options().user().uid();
    }

    @Test
    void selfTestPasses() {
        SelfTest t = runtime.selfTest();
        assertThat(t.ok()).as(t.detail() + " / " + t.fix()).isTrue();
        assertThat(t.detail()).contains("container uid " + expectedUid());
    }

    /**
     * The group folder, home, IPC folder and /tmp are writable; tools reached through the host's
     * /etc/alternatives (awk) work.
     */
    @Test
    void runsAsTheAgentUidAndTheGroupFolderIsWritable() throws Exception {
        var r = sh("family", false, "id -u; id -g; echo hi > /workspace/group/out.txt; echo s > /home/agent/s; echo i > /workspace/ipc/i;"
                + " echo t > /tmp/t; awk 'BEGIN { exit 0 }'"); // awk: a link in the host's /etc/alternatives
        assertThat(r.exit()).as(r.output()).isEqualTo(new SandboxExit.Exited(0));
        assertThat(r.lines()).containsExactly(Integer.toString(expectedUid()), Integer.toString(runtime.options().user().gid()));
        Path out = fx.home.resolve("groups/family/out.txt");
        assertThat(Files.readString(out)).isEqualTo("hi\n");
        assertThat(Files.getAttribute(out, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(expectedUid());
    }

    @Test
    void theProjectIsReadOnlyWithItsSecretsMaskedForMain() throws Exception {
        var r = sh("main", true, "cat /workspace/project/README.md; echo ---;"
                + " cat /workspace/project/.env; ls -A /workspace/project/store /workspace/project/data /workspace/project/logs; echo ---;"
                + " touch /workspace/project/x 2>/dev/null && echo WROTE-PROJECT; touch /usr/x 2>/dev/null && echo WROTE-USR;"
                + " touch /opt/pincer/pincer-agent.jar 2>/dev/null && echo WROTE-JAR; touch /x 2>/dev/null && echo WROTE-ROOT;"
                + " echo m > /workspace/global/m && echo global-ok");
        assertThat(r.exit().succeeded()).as(r.output()).isTrue();
        assertThat(r.output()).contains("project readme", "global-ok")
                .doesNotContain(PincerHomeFixture.ENV_SECRET, PincerHomeFixture.DB_SECRET, "pincer.db", "WROTE-");
        assertThat(Files.exists(fx.home.resolve("x"))).isFalse();
    }

    @Test
    void aNonMainGroupSeesNeitherTheProjectNorOtherGroupsAndCannotWriteGlobalMemory() throws Exception {
        var r = sh("family", false, "ls /workspace; cat /workspace/global/CLAUDE.md;"
                + " echo x > /workspace/global/CLAUDE.md 2>/dev/null && echo WROTE-GLOBAL;"
                + " grep -r FAKE / --exclude-dir=proc --exclude-dir=sys --exclude-dir=usr --exclude-dir=dev 2>/dev/null; true");
        assertThat(r.exit().succeeded()).as(r.output()).isTrue();
        assertThat(r.output()).contains("global memory").doesNotContain("project", "WROTE-GLOBAL",
                PincerHomeFixture.OTHER_GROUP_SECRET, PincerHomeFixture.ENV_SECRET, PincerHomeFixture.DB_SECRET);
    }

    @Test
    void thereIsNoNetworkButLoopback() throws Exception {
        var r = sh("family", false, "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '; echo ---;"
                + " (exec 3<>/dev/tcp/1.1.1.1/80) 2>/dev/null && echo CONNECTED; getent hosts sandbox; hostname");
        assertThat(r.exit().succeeded()).as(r.output()).isTrue();
        assertThat(r.output().split("---")[0].strip()).isEqualTo("lo");
        assertThat(r.output()).doesNotContain("CONNECTED").contains("127.0.0.1", "sandbox");
    }

    @Test
    void theEnvironmentIsTheSpecEnvironmentWithoutHostSecrets() throws Exception {
        var r = fx.run(fx.spec("family", false, List.of("/usr/bin/env"), Duration.ofSeconds(60)));
        String output = r.output();
        assertThat(r.exit().succeeded()).as(output).isTrue();
        // the container engine adds HOSTNAME; everything else is the spec's
        assertThat(output.lines().toList()).containsExactlyInAnyOrder("PATH=/usr/bin:/bin", "HOME=/home/agent",
                "PINCER_MARK=inside-ok", "HOSTNAME=sandbox");
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            if (e.getValue().length() >= 8 && !PincerHomeFixture.env().containsValue(e.getValue())) {
                assertThat(output).as("host variable %s leaked", e.getKey()).doesNotContain(e.getValue());
            }
        }
    }

    @Test
    void theWallClockTimeoutKillsTheContainer() throws Exception {
        SandboxSpec spec = fx.spec("family", false, List.of("/bin/sh", "-c", "sleep 600 & sleep 600"), Duration.ofSeconds(3));
        long t0 = System.nanoTime();
        SandboxProcess p = runtime.start(spec);
        String name = containerName(spec.logFile());
        assertThat(p.waitFor()).isEqualTo(new SandboxExit.TimedOut(Duration.ofSeconds(3)));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
        assertThat(quiet(List.of(cli.toString(), "inspect", name))).as("container %s must be gone", name).isNotZero();
    }

    @Test
    void killRemovesTheContainer() throws Exception {
        SandboxSpec spec = fx.spec("family", false, List.of("/bin/sh", "-c", "echo sleeping-now; sleep 600"), Duration.ofMinutes(5));
        SandboxProcess p = runtime.start(spec);
        String name = containerName(spec.logFile());
        for (int i = 0; i < 200 && !Files.readString(spec.logFile()).contains("sleeping-now\n"); i++) {
            Thread.sleep(50);
        }
        assertThat(quiet(List.of(cli.toString(), "inspect", name))).as("container %s runs", name).isZero();
        p.kill();
        assertThat(p.waitFor(Duration.ofSeconds(30))).contains(new SandboxExit.Killed());
        assertThat(quiet(List.of(cli.toString(), "inspect", name))).as("container %s must be gone", name).isNotZero();
    }

    @Test
    void limitsAreEnforced() throws Exception {
        SandboxSpec spec = fx.spec("family", false, List.of("/bin/sh", "-c",
                "cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max;"
                        + " cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes"),
                Duration.ofSeconds(60)).withLimits(new Limits(256, 64, 1.0));
        var r = fx.run(spec);
        assertThat(r.exit().succeeded()).as(r.output()).isTrue();
        assertThat(r.lines()).containsExactly("64", Long.toString(256L * 1024 * 1024));
    }

    @Test
    void theProxySocketIsReachableAndTheKeyStaysOnTheHost() throws Exception {
        String key = "sk-ant-api03-FAKE-container-key-31337";
        var upstream = new FakeUpstream();
        var proxy = new dev.pincer.host.proxy.EgressProxy("family", MountPlan.runDir(fx.home, "family"),
                dev.pincer.host.proxy.ProxySettings.llmOnly(dev.pincer.host.proxy.Credentials.apiKey(key, upstream.uri()),
                        dev.pincer.host.proxy.LlmPolicy.of(dev.pincer.host.proxy.LlmApi.ANTHROPIC, List.of("claude-test")), e -> { }),
                null);
        proxy.start();
        try {
            var r = sh("family", false, "curl -sS --unix-socket /run/pincer/proxy.sock -H 'x-api-key: stolen'"
                    + " -H 'content-type: application/json' -d '{\"model\":\"claude-test\"}' http://127.0.0.1:3128/llm/v1/messages; echo;"
                    + " curl -sS -m 3 http://127.0.0.1:" + upstream.port() + "/v1/messages || echo DIRECT-FAILED");
            assertThat(r.output()).contains("hello from upstream", "DIRECT-FAILED").doesNotContain(key);
            assertThat(upstream.keys).containsExactly("[" + key + "]");
        } finally {
            proxy.close();
            upstream.close();
        }
    }

    static String containerName(Path logFile) throws IOException {
        Matcher m = Pattern.compile("container (pincer-[A-Za-z0-9_.-]+)\\)").matcher(Files.readString(logFile, StandardCharsets.UTF_8));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
