package dev.pincer.host.sandbox.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.host.sandbox.AgentUser;
import dev.pincer.host.sandbox.Limits;
import dev.pincer.host.sandbox.Mask;
import dev.pincer.host.sandbox.Mount;
import dev.pincer.host.sandbox.MountPlan;
import dev.pincer.host.sandbox.SandboxSpec;
import dev.pincer.host.sandbox.container.ContainerCommand.Flavor;
import dev.pincer.protocol.SandboxPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The container command lines, flag by flag, for Docker, Podman and Apple {@code container}. */
class ContainerCommandTest {
    static final String JRE = "/usr/lib/jvm/temurin-21-jre";
    static final Path EMPTY = Path.of("/tmp/pincer-mask-1");

    static MountPlan mainPlan() {
        List<Mount> mounts = List.of(
                Mount.readWrite(Path.of("/home/p/groups/main"), SandboxPaths.GROUP),
                Mount.readWrite(Path.of("/home/p/groups/global"), SandboxPaths.GLOBAL),
                Mount.readOnly(Path.of("/home/p"), SandboxPaths.PROJECT),
                Mount.readWrite(Path.of("/home/p/data/ipc/main"), SandboxPaths.IPC),
                Mount.readWrite(Path.of("/home/p/data/sessions/main"), SandboxPaths.HOME),
                Mount.readWrite(Path.of("/home/p/data/run/main"), SandboxPaths.RUN),
                Mount.readOnly(Path.of("/srv/docs"), SandboxPaths.EXTRA + "/docs"),
                Mount.readOnly(Path.of("/home/p/agent.jar"), SandboxPaths.AGENT_JAR));
        List<Mask> masks = List.of(new Mask(SandboxPaths.PROJECT + "/.env", false),
                new Mask(SandboxPaths.PROJECT + "/store", true), new Mask(SandboxPaths.PROJECT + "/data", true));
        return new MountPlan("main", true, JRE, mounts, masks);
    }

    static SandboxSpec spec() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", SandboxPaths.HOME);
        env.put("TZ", "Europe/Berlin");
        return new SandboxSpec(mainPlan(),
                SandboxSpec.Command.inGroup(List.of(JRE + "/bin/java", "-Xmx256m", "-jar", SandboxPaths.AGENT_JAR), env),
                Duration.ofMinutes(5), Path.of("/home/p/logs/run.log"), new Limits(512, 128, 1.5));
    }

    static ContainerCommand.Options options(Flavor flavor, boolean hostUsr, boolean workarounds) {
        return new ContainerCommand.Options(flavor, Path.of("/usr/bin/" + flavor.binaryName()),
                flavor == Flavor.DOCKER ? "unix:///tmp/d/docker.sock" : null, "pincer-agent:local", new AgentUser(60000, 60000),
                new ContainerCommand.Workarounds(hostUsr, workarounds));
    }

    static List<String> argv(Flavor flavor, boolean hostUsr, boolean workarounds) {
        SandboxSpec spec = spec();
        return ContainerCommand.run(options(flavor, hostUsr, workarounds), spec, spec.plan().mounts(), "pincer-main-abc", EMPTY,
                HOST_USR);
    }

    /** The values of every occurrence of {@code flag}. */
    static List<String> values(List<String> argv, String flag) {
        List<String> out = new ArrayList<>();
        int imageAt = argv.indexOf("pincer-agent:local");
        for (int i = 0; i < imageAt; i++) {
            if (argv.get(i).equals(flag)) {
                out.add(argv.get(i + 1));
            }
        }
        return out;
    }

    /** Each flag of the {@code flag, value} pairs is given exactly once, with its value. */
    private static void assertFlags(List<String> argv, String... flagsAndValues) {
        for (int i = 0; i < flagsAndValues.length; i += 2) {
            assertThat(values(argv, flagsAndValues[i])).as(flagsAndValues[i]).containsExactly(flagsAndValues[i + 1]);
        }
    }

    @Test
    void dockerCarriesEveryIsolationFlag() {
        List<String> argv = argv(Flavor.DOCKER, false, true);
        assertThat(argv.subList(0, 5)).containsExactly("/usr/bin/docker", "-H", "unix:///tmp/d/docker.sock", "run", "--rm");
        assertThat(argv).contains("--read-only");
        assertFlags(argv, "--name", "pincer-main-abc", "--pull", "never", "--network", "none",
                "--user", "60000:60000", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
                "--hostname", "sandbox", "--add-host", "sandbox:127.0.0.1", "--memory", "512m",
                "--memory-swap", "512m", "--pids-limit", "128", "--cpus", "1.50");
        assertThat(values(argv, "-w")).containsExactly(SandboxPaths.GROUP);
        assertThat(argv).doesNotContain("--privileged", "--runtime", "--ulimit", "--network=host", "--pid", "--ipc");
        // the command inside comes last, unchanged
        assertThat(argv.subList(argv.indexOf("pincer-agent:local") + 1, argv.size()))
                .containsExactly(JRE + "/bin/java", "-Xmx256m", "-jar", SandboxPaths.AGENT_JAR);
    }

    @Test
    void theEnvironmentIsExactlyTheSpecEnvironment() {
        assertThat(values(argv(Flavor.DOCKER, false, true), "-e"))
                .containsExactly("PATH=/usr/bin:/bin", "HOME=" + SandboxPaths.HOME, "TZ=Europe/Berlin");
        assertThat(values(argv(Flavor.PODMAN, false, true), "-e"))
                .containsExactly("PATH=/usr/bin:/bin", "HOME=" + SandboxPaths.HOME, "TZ=Europe/Berlin");
        assertThat(argv(Flavor.DOCKER, false, true)).noneMatch(a -> a.startsWith("--env-file"));
    }

    @Test
    void mountsKeepTheirModesAndMasksHideProjectSecrets() {
        List<String> argv = argv(Flavor.DOCKER, false, true);
        assertThat(values(argv, "-v")).containsExactly(
                JRE + ":" + JRE + ":ro",
                "/home/p/groups/main:/workspace/group:rw",
                "/home/p/groups/global:/workspace/global:rw",
                "/home/p:/workspace/project:ro",
                "/home/p/data/ipc/main:/workspace/ipc:rw",
                "/home/p/data/sessions/main:/home/agent:rw",
                "/home/p/data/run/main:/run/pincer:rw",
                "/srv/docs:/workspace/extra/docs:ro",
                "/home/p/agent.jar:/opt/pincer/pincer-agent.jar:ro",
                "/dev/null:/workspace/project/.env:ro",
                "/tmp/pincer-mask-1:/workspace/project/store:ro",
                "/tmp/pincer-mask-1:/workspace/project/data:ro");
        assertThat(values(argv, "--tmpfs")).containsExactly("/tmp:size=256m");
    }

    /** What ContainerRuntime passes: /usr and the /etc entries its programs need (here two of them). */
    static final List<Path> HOST_USR = List.of(Path.of("/usr"), Path.of("/etc/alternatives"), Path.of("/etc/ssl/certs"));

    @Test
    void aSkeletonImageGetsTheHostUsrReadOnlyInsteadOfASeparateJre() {
        List<String> vols = values(argv(Flavor.DOCKER, true, true), "-v");
        assertThat(vols).startsWith("/usr:/usr:ro", "/etc/alternatives:/etc/alternatives:ro", "/etc/ssl/certs:/etc/ssl/certs:ro")
                .doesNotContain(JRE + ":" + JRE + ":ro");
        assertThat(vols).noneMatch(v -> v.startsWith("/usr") && !v.equals("/usr:/usr:ro"));
        assertThat(values(argv(Flavor.DOCKER, false, true), "-v")).noneMatch(v -> v.startsWith("/etc/") || v.startsWith("/usr:"));
    }

    @Test
    void podmanAddsTheHybridCgroupWorkaroundsOnlyWhenAsked() {
        List<String> with = argv(Flavor.PODMAN, false, true);
        assertThat(with.get(0)).isEqualTo("/usr/bin/podman");
        assertThat(with).doesNotContain("-H");
        assertThat(values(with, "--runtime")).containsExactly("runc");
        assertThat(values(with, "--ulimit")).containsExactly("nofile=20000:20000", "nproc=4096:4096");
        assertThat(with).contains("--unsetenv-all");
        for (String flag : List.of("--network", "--user", "--cap-drop", "--security-opt", "--pids-limit", "--memory-swap")) {
            assertThat(values(with, flag)).as(flag).containsExactlyElementsOf(values(argv(Flavor.DOCKER, false, true), flag));
        }
        List<String> without = argv(Flavor.PODMAN, false, false);
        assertThat(without).doesNotContain("--runtime", "--ulimit");
        assertThat(argv(Flavor.DOCKER, false, true)).doesNotContain("--runtime", "--ulimit", "--unsetenv-all");
    }

    @Test
    void appleContainerUsesItsOwnCliAndCannotCarryTheProxySocket() {
        List<String> argv = argv(Flavor.APPLE, false, false);
        assertThat(argv.subList(0, 3)).containsExactly("/usr/bin/container", "run", "--rm");
        assertFlags(argv, "--network", "none", "--user", "60000:60000", "--cap-drop", "ALL");
        assertThat(argv).contains("--read-only");
        assertThat(values(argv, "--memory")).containsExactly("512m");
        assertThat(values(argv, "--cpus")).containsExactly("2"); // whole CPUs only
        assertThat(values(argv, "-e")).containsExactly("PATH=/usr/bin:/bin", "HOME=" + SandboxPaths.HOME, "TZ=Europe/Berlin");
        assertThat(values(argv, "-v")).contains("/home/p:/workspace/project:ro", "/dev/null:/workspace/project/.env:ro")
                .noneMatch(v -> v.contains(SandboxPaths.RUN));
        assertThat(argv).doesNotContain("--pull", "--security-opt", "--pids-limit", "-H");
    }

    @Test
    void removalIsByName() {
        assertThat(ContainerCommand.remove(options(Flavor.DOCKER, false, true), "pincer-x-1"))
                .containsExactly("/usr/bin/docker", "-H", "unix:///tmp/d/docker.sock", "rm", "-f", "pincer-x-1");
        assertThat(ContainerCommand.remove(options(Flavor.PODMAN, false, true), "pincer-x-1"))
                .containsExactly("/usr/bin/podman", "rm", "-f", "pincer-x-1");
        assertThat(ContainerCommand.remove(options(Flavor.APPLE, false, false), "pincer-x-1"))
                .containsExactly("/usr/bin/container", "delete", "--force", "pincer-x-1");
    }

    @Test
    void containerNamesAreUniqueAndSafe() {
        String a = ContainerCommand.containerName("family-chat");
        assertThat(a).matches("pincer-family-chat-[0-9a-f]+");
        assertThat(ContainerCommand.containerName("family-chat")).isNotEqualTo(a);
    }

    @Test
    void pathsThatTheCliWouldMisparseAreRefused() {
        SandboxSpec spec = spec();
        List<Mount> odd = List.of(Mount.readOnly(Path.of("/srv/a:b"), SandboxPaths.EXTRA + "/x"));
        assertThatThrownBy(() -> ContainerCommand.run(options(Flavor.DOCKER, false, true), spec, odd, "n", EMPTY, HOST_USR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("':'");
    }

    @Test
    void optionsRefuseRootAndOptionLikeImages() {
        assertThatThrownBy(() -> new ContainerCommand.Options(Flavor.DOCKER, Path.of("/usr/bin/docker"), null,
                "img", new AgentUser(0, 0), new ContainerCommand.Workarounds(false, false))).hasMessageContaining("unprivileged");
        assertThatThrownBy(() -> new ContainerCommand.Options(Flavor.DOCKER, Path.of("/usr/bin/docker"), null,
                "--privileged", new AgentUser(60000, 60000), new ContainerCommand.Workarounds(false, false))).hasMessageContaining("image");
    }
}
