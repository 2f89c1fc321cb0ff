package dev.pincer.host.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.config.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's log in the cockpit: its own sandbox log, then the logs of the sandbox teammates it started. */
class RunLogsTest {

    @TempDir Path home;

    @Test
    void aRunsLogIsFollowedByItsTeammatesLogsAndNoOtherRunsOnes() throws Exception {
        Layout layout = new Layout(home);
        Path dir = Files.createDirectories(layout.logsDir().resolve("runs/main"));
        Files.writeString(dir.resolve("run-20261202-101010-cccccccc.log"), "agent: asking a researcher\n");
        Files.writeString(dir.resolve("team-20261202-101012-cccccccc-researcher-1.log"), "teammate: reading the web\n");
        Files.writeString(dir.resolve("team-20261202-101012-dddddddd-writer-1.log"), "another run's teammate\n");

        String tail = RunLogs.tail(layout, "main", "cccccccc-3333");

        assertThat(tail).startsWith("agent: asking a researcher")
                .contains("=== teammate log team-20261202-101012-cccccccc-researcher-1.log ===\nteammate: reading the web")
                .doesNotContain("another run's teammate");
        assertThat(RunLogs.tail(layout, "main", "dddddddd-4444")).as("a fed batch without a log of its own, with a teammate")
                .contains("another run's teammate");
        assertThat(RunLogs.tail(layout, "main", "eeeeeeee-5555")).isNull();
    }
}
