package dev.pincer.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {

    @TempDir Path home;

    @Test
    void environmentWinsOverDotEnvAndSecretsNeverPrint() throws Exception {
        Files.writeString(home.resolve(".env"), """
                # comment
                export ANTHROPIC_API_KEY="sk-ant-secret"
                ASSISTANT_NAME=Bob # trailing comment
                PINCER_MAX_AGENTS=3
                """);
        Config c = Config.load(Map.of("PINCER_HOME", home.toString(), "PINCER_MAX_AGENTS", "2"), Path.of("/nowhere"));
        assertThat(c.llm().anthropic().apiKey()).isEqualTo("sk-ant-secret");
        assertThat(c.assistant().name()).isEqualTo("Bob");
        assertThat(c.agents().max()).isEqualTo(2);
        assertThat(c.web().port()).isEqualTo(7878);
        assertThat(c.toString()).doesNotContain("sk-ant-secret").contains("credentials=set");
    }

    @Test
    void taskLimitsDefaultAndComeFromTheirSettings() {
        assertThat(Config.from(Map.of()).assistant().tasks()).isEqualTo(dev.pincer.host.tasks.TaskLimits.DEFAULT);
        Config c = Config.from(Map.of("PINCER_MIN_TASK_INTERVAL", "300", "PINCER_MAX_TASKS_PER_GROUP", "7"));
        assertThat(c.assistant().tasks().minInterval()).isEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(c.assistant().tasks().maxPerGroup()).isEqualTo(7);
        assertThatThrownBy(() -> Config.from(Map.of("PINCER_MIN_TASK_INTERVAL", "0")))
                .hasMessageContaining("PINCER_MIN_TASK_INTERVAL=0 is out of range");
        assertThatThrownBy(() -> Config.from(Map.of("PINCER_MAX_TASKS_PER_GROUP", "many")))
                .hasMessageContaining("PINCER_MAX_TASKS_PER_GROUP=many is not a whole number");
    }

    @Test
    void agentSettingsArePassedThroughAndNothingElse() {
        Config c = Config.from(Map.of("PINCER_MAX_TURNS", "7", "PINCER_WEB_SEARCH", "off", "ANTHROPIC_API_KEY", "k",
                "PINCER_COMPACT_AT", " ", "PINCER_STREAM_STALL_SECONDS", "120"));
        assertThat(c.agents().settings()).containsExactlyInAnyOrderEntriesOf(Map.of("PINCER_MAX_TURNS", "7", "PINCER_WEB_SEARCH", "off",
                "PINCER_STREAM_STALL_SECONDS", "120"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"PINCER_MAX_AGENTS, lots", "PINCER_SANDBOX, chroot", "ANTHROPIC_BASE_URL, ftp://x"})
    void badValuesNameTheSetting(String setting, String value) {
        assertThatThrownBy(() -> Config.from(Map.of(setting, value))).hasMessageContaining(setting);
    }

    @Test
    void folderNamesCannotTraverse() {
        for (String bad : List.of("", "..", "../x", "a/b", "A", "-x", "x".repeat(65), "a b", "ä")) {
            assertThat(GroupFolder.isValid(bad)).as(bad).isFalse();
        }
        assertThat(GroupFolder.isValid("family-2_x")).isTrue();
        assertThatThrownBy(() -> GroupFolder.checkAssignable("global")).hasMessageContaining("reserved");
    }

    @Test
    void sandboxLimitsDefaultAndMustLeaveRoomForTheAgentHeap() {
        assertThat(Config.from(Map.of()).sandbox().limits()).isEqualTo(dev.pincer.host.sandbox.Limits.DEFAULT);
        Config c = Config.from(Map.of("PINCER_SANDBOX_MEMORY_MB", "2048", "PINCER_SANDBOX_PIDS", "100",
                "PINCER_SANDBOX_CPUS", "1.5"));
        assertThat(c.sandbox().limits()).isEqualTo(new dev.pincer.host.sandbox.Limits(2048, 100, 1.5));
        assertThatThrownBy(() -> Config.from(Map.of("PINCER_SANDBOX_MEMORY_MB", "512")))
                .hasMessageContaining("PINCER_AGENT_MEMORY_MB=512").hasMessageContaining("PINCER_SANDBOX_MEMORY_MB=512");
        assertThat(Config.from(Map.of("PINCER_SANDBOX_MEMORY_MB", "512", "PINCER_AGENT_MEMORY_MB", "256"))
                .sandbox().limits().memoryMb()).isEqualTo(512);
        assertThatThrownBy(() -> Config.from(Map.of("PINCER_SANDBOX_CPUS", "lots"))).hasMessageContaining("PINCER_SANDBOX_CPUS");
        assertThatThrownBy(() -> Config.from(Map.of("PINCER_SANDBOX_PIDS", "0"))).hasMessageContaining("PINCER_SANDBOX_PIDS");
    }

    @Test
    void budgetsTheHostEnforcesDefaultAndNameTheirSettingWhenWrong() {
        Config defaults = Config.from(Map.of());
        assertThat(defaults.llm().spending().budgets()).isEqualTo(new dev.pincer.host.spend.Budgets(2_000_000, 50, 0, 0));
        assertThat(defaults.llm().spending().prices()).isNull();
        assertThat(defaults.fastModel()).isEqualTo("claude-haiku-4-5");
        Config c = Config.from(Map.of("PINCER_MAX_RUN_TOKENS", "5000", "PINCER_MAX_TURNS", "7", "PINCER_DAILY_TOKENS", "100000",
                "PINCER_DAILY_COST_USD", "2.50", "PINCER_PRICES", "/etc/pincer/prices.json", "PINCER_FAST_MODEL", "claude-fast"));
        assertThat(c.llm().spending().budgets()).isEqualTo(new dev.pincer.host.spend.Budgets(5000, 7, 100_000, 2.5));
        assertThat(c.llm().spending().prices()).isEqualTo(Path.of("/etc/pincer/prices.json"));
        assertThat(c.fastModel()).isEqualTo("claude-fast");
        assertThat(c.agents().settings()).containsEntry("PINCER_MAX_TURNS", "7").containsEntry("PINCER_MAX_RUN_TOKENS", "5000")
                .doesNotContainKeys("PINCER_DAILY_TOKENS", "PINCER_DAILY_COST_USD", "PINCER_PRICES");
        assertThat(Config.from(Map.of("PINCER_TEAM_PARALLEL", "2", "PINCER_TEAM_DEPTH", "1", "PINCER_TEAM_MAX_TURNS", "9",
                "PINCER_TEAM_MAX_TOKENS", "1000")).agents().settings()).as("the sub-agent limits reach the agent")
                .containsEntry("PINCER_TEAM_PARALLEL", "2").containsEntry("PINCER_TEAM_DEPTH", "1")
                .containsEntry("PINCER_TEAM_MAX_TURNS", "9").containsEntry("PINCER_TEAM_MAX_TOKENS", "1000");
        for (var bad : List.of(Map.of("PINCER_MAX_TURNS", "0"), Map.of("PINCER_MAX_TURNS", "10001"),
                Map.of("PINCER_MAX_RUN_TOKENS", "lots"), Map.of("PINCER_DAILY_TOKENS", "-1"),
                Map.of("PINCER_DAILY_COST_USD", "five"))) {
            assertThatThrownBy(() -> Config.from(bad)).as(bad.toString())
                    .hasMessageContaining(bad.keySet().iterator().next());
        }
    }
}
