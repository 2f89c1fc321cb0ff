package dev.pincer.host.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.protocol.SandboxPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SandboxSpecTest {
    static final MountPlan PLAN = new MountPlan("family", false, "/usr",
            List.of(Mount.readWrite(Path.of("/tmp/x"), SandboxPaths.GROUP)), List.of());

    @ParameterizedTest
    @ValueSource(strings = {"ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN", "OPENAI_API_KEY",
            "PINCER_WEB_TOKEN", "TELEGRAM_BOT_TOKEN", "SLACK_APP_TOKEN", "GITHUB_OAUTH_TOKEN", "SOME_SECRET", "db_password"})
    void refusesCredentialVariables(String name) {
        assertThatThrownBy(() -> spec(Map.of(name, "x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name).hasMessageContaining("credentials stay on the host");
    }

    @Test
    void acceptsOrdinaryVariables() {
        SandboxSpec spec = spec(Map.of("PATH", "/usr/bin", "HOME", "/home/agent", "PINCER_MAX_TOKENS", "4096",
                "ANTHROPIC_BASE_URL", "http://127.0.0.1:3128/llm"));
        assertThat(spec.command().env()).hasSize(4);
        assertThat(spec.command().cwd()).isEqualTo(SandboxPaths.GROUP);
        assertThat(spec.groupFolder()).isEqualTo("family");
    }

    @Test
    void rejectsMalformedInput() {
        assertThatThrownBy(() -> spec(Map.of("A=B", "x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> spec(Map.of("A", "x\0y"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxSpec.of(PLAN, List.of(), Map.of(), Duration.ofSeconds(1), Path.of("/tmp/l")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxSpec.of(PLAN, List.of("true"), Map.of(), Duration.ZERO, Path.of("/tmp/l")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAgentHeapMustFitBelowTheMemoryLimit() {
        MountPlan plan = new MountPlan("g", false, "/usr", List.of(), List.of());
        List<String> argv = SandboxSpec.agentArgv(plan, 512);
        Path log = Path.of("/tmp/log");
        var spec = new SandboxSpec(plan, new SandboxSpec.Command(argv, Map.of(), "/workspace/group"), Duration.ofSeconds(5), log);
        assertThat(spec.limits()).isEqualTo(Limits.DEFAULT);
        assertThat(spec.withLimits(new Limits(576, 64, 1)).limits().memoryMb()).isEqualTo(576);
        assertThatThrownBy(() -> spec.withLimits(new Limits(512, 64, 1)))
                .hasMessageContaining("-Xmx512m").hasMessageContaining("512 MiB").hasMessageContaining("PINCER_AGENT_MEMORY_MB");
        assertThatThrownBy(() -> new SandboxSpec(plan, new SandboxSpec.Command(List.of("java", "-Xmx1g"), Map.of(), "/workspace/group"),
                Duration.ofSeconds(5), log, new Limits(1024, 64, 1))).hasMessageContaining("-Xmx1g");
    }

    private static SandboxSpec spec(Map<String, String> env) {
        return SandboxSpec.of(PLAN, List.of("/bin/true"), env, Duration.ofSeconds(5), Path.of("/tmp/log"));
    }
}
