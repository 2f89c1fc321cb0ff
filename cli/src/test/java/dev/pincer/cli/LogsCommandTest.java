package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.store.Database;
import dev.pincer.host.store.RunLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./pincer logs}: recent runs and why they failed, one run with its sandbox log. */
class LogsCommandTest {

    @TempDir Path home;

    private Cli.Outcome pincer(String... args) {
        return Cli.run(Map.of("PINCER_HOME", home.toString(), "TZ", "UTC"), args);
    }

    @Test
    void listsRunsWithWhyTheyFailedAndShowsOneRunsSandboxLog() throws Exception {
        assertThat(pincer("logs").out()).contains("No runs yet");
        try (Database db = Database.open(home.resolve("store/pincer.db"))) {
            RunLedger ledger = new RunLedger(db);
            ledger.start("aaaaaaaa-1111", "family", "web:family", 3);
            ledger.fail("aaaaaaaa-1111", "the model API answered 500 three times");
            ledger.start("bbbbbbbb-2222", "main", "web:main", 7);
        }
        Path log = Files.createDirectories(home.resolve("logs/runs/family")).resolve("run-20261202-101010-aaaaaaaa.log");
        Files.writeString(log, "agent: calling the model\nagent: HTTP 500\n");

        Cli.Outcome all = pincer("logs");
        assertThat(all.status()).isZero();
        assertThat(all.out()).contains("aaaaaaaa", "family", "error", "the model API answered 500 three times")
                .contains("bbbbbbbb", "main", "running");
        assertThat(pincer("logs", "--group", "main").out()).contains("bbbbbbbb").doesNotContain("aaaaaaaa");

        Cli.Outcome one = pincer("logs", "--run", "aaaa");
        assertThat(one.status()).isZero();
        assertThat(one.out()).contains("run aaaaaaaa-1111 of group family: error (the model API answered 500 three times)")
                .contains("agent: HTTP 500");

        Cli.Outcome unknown = pincer("logs", "--run", "zzzz");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).contains("no run 'zzzz'");
    }

    @Test
    void aRunsLogIsFollowedByTheLogsOfTheSandboxTeammatesItStarted() throws Exception {
        try (Database db = Database.open(home.resolve("store/pincer.db"))) {
            new RunLedger(db).start("cccccccc-3333", "main", "web:main", 4);
        }
        Path dir = Files.createDirectories(home.resolve("logs/runs/main"));
        Files.writeString(dir.resolve("team-20261202-101012-cccccccc-researcher-1.log"), "teammate: reading the web\n");
        Files.writeString(dir.resolve("run-20261202-101010-cccccccc.log"), "agent: asking a researcher\n");
        Files.writeString(dir.resolve("team-20261202-101012-dddddddd-writer-1.log"), "another run's teammate\n");

        Cli.Outcome one = pincer("logs", "--run", "cccc");

        assertThat(one.status()).isZero();
        assertThat(one.out()).contains("agent: asking a researcher").contains("teammate: reading the web")
                .doesNotContain("another run's teammate");
        assertThat(one.out().indexOf("agent: asking a researcher")).as("the run's own log first")
                .isLessThan(one.out().indexOf("teammate: reading the web"));
    }
}
