package dev.pincer.host.sandbox.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.host.sandbox.AgentUser;
import dev.pincer.host.sandbox.MountPlan;
import dev.pincer.host.sandbox.SandboxExit;
import dev.pincer.host.sandbox.SandboxSpec;
import dev.pincer.host.sandbox.Sandboxes;
import dev.pincer.host.sandbox.SelfTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Container runtime behaviour that needs no daemon: names, refusals, self-test diagnoses. */
class ContainerRuntimeTest {

    static ContainerRuntime docker(Path binary) {
        return new ContainerRuntime(new ContainerCommand.Options(ContainerCommand.Flavor.DOCKER, binary, null,
                "pincer-agent:local", new AgentUser(60000, 60000), new ContainerCommand.Workarounds(false, false)), false, Map.of("PATH", "/usr/bin:/bin"));
    }

    @Test
    void namesMatchPincerSandbox() {
        assertThat(ContainerRuntime.docker(null, null, null, 60000, 60000, false).name()).isEqualTo("docker");
        assertThat(ContainerRuntime.podman(null, null, 60000, 60000, false, true).name()).isEqualTo("podman");
        assertThat(ContainerRuntime.appleContainer(null, null, 60000, 60000).name()).isEqualTo("apple-container");
        assertThat(ContainerRuntime.docker(null, null, null, 60000, 60000, false).image()).isEqualTo("pincer-agent:local");
        assertThat(Sandboxes.NAMES).contains("docker", "podman", "apple-container");
    }

    @Test
    void aMissingCliFailsTheSelfTestWithAnInstallHint() {
        SelfTest t = docker(Path.of("/nonexistent/docker")).selfTest();
        assertThat(t.ok()).isFalse();
        assertThat(t.detail()).contains("not found");
        assertThat(t.fix()).contains("apt-get install -y docker.io");
    }

    @Test
    void appleContainerIsRefusedWithTheReason() throws Exception {
        ContainerRuntime apple = ContainerRuntime.appleContainer(null, null, 60000, 60000);
        SelfTest t = apple.selfTest();
        assertThat(t.ok()).isFalse();
        assertThat(t.detail()).contains("not implemented", "Unix socket", "reversed");
        assertThat(t.fix()).contains("docs/SECURITY.md");
        MountPlan plan = ContainerCommandTest.mainPlan();
        SandboxSpec spec = SandboxSpec.of(plan, List.of("/bin/true"), Map.of(), Duration.ofSeconds(5), Path.of("/tmp/x.log"));
        assertThatThrownBy(() -> apple.start(spec)).isInstanceOf(IOException.class).hasMessageContaining("not implemented");
    }

    @Test
    void selfTestFailuresAreMappedToFixes() {
        ContainerRuntime rt = docker(Path.of("/usr/bin/docker"));
        SandboxExit exit = new SandboxExit.Exited(125);
        assertThat(rt.diagnose("docker: Cannot connect to the Docker daemon at unix:///var/run/docker.sock."
                + " Is the docker daemon running?", exit).fix()).contains("start the Docker daemon", "PINCER_DOCKER_HOST");
        assertThat(rt.diagnose("docker: Error response from daemon: No such image: pincer-agent:local.", exit).fix())
                .contains("container/Dockerfile", "PINCER_CONTAINER_IMAGE");
        assertThat(rt.diagnose("Error: crun: setrlimit `RLIMIT_NOFILE`: Operation not permitted", exit).fix())
                .contains("runc", "PINCER_PODMAN_WORKAROUNDS");
        assertThat(rt.diagnose(ContainerSelfTest.TMP_NOT_WRITABLE, new SandboxExit.Exited(3)).fix())
                .contains("1777", "container/Dockerfile");
        assertThat(rt.diagnose("something odd", exit).detail()).contains("something odd", "125");
    }

    @Test
    void theCliGetsOnlyWhatItNeedsToFindItsDaemon() {
        Map<String, String> env = ContainerRuntime.launcherEnv(Map.of("DOCKER_HOST", "unix:///tmp/d.sock",
                "ANTHROPIC_API_KEY", "sk-ant-FAKE", "HOME", "/root", "PINCER_WEB_TOKEN", "t"));
        assertThat(env).containsEntry("DOCKER_HOST", "unix:///tmp/d.sock").containsEntry("HOME", "/root")
                .containsKeys("PATH").doesNotContainKeys("ANTHROPIC_API_KEY", "PINCER_WEB_TOKEN");
    }
}
