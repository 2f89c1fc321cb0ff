package dev.pincer.host.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.events.EventBus;
import dev.pincer.host.store.AuditLog;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.RunLedger;
import dev.pincer.protocol.AgentOutput;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.protocol.RunFailure;
import dev.pincer.protocol.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputApplierTest {
    @TempDir
    Path dir;

    @Test
    void aResultKeepsItsFailureAndTakesTheHostsRunId() throws Exception {
        Path output = Files.createDirectories(dir.resolve("output"));
        var failure = new RunFailure(RunFailure.Kind.AUTH, "The model API refused the API key (HTTP 401).",
                "Put a valid key into .env.", "Anthropic API HTTP 401 authentication_error: invalid x-api-key");
        IpcFiles.write(output, AgentOutput.Result.failed("not-ours", "s1", failure, new Usage(1, 2, 0, 0)));
        List<AgentOutput.Result> seen = new ArrayList<>();

        try (Database db = Database.open(dir.resolve("store/pincer.db"))) {
            var applier = new OutputApplier(new RunLedger(db), new AuditLog(db), new EventBus(), dir.resolve("errors"), () -> { });
            applier.applyAll(output, new OutputApplier.RunTarget("main", "run-7", "web:main"), seen::add);
        }

        assertThat(seen).singleElement().satisfies(r -> {
            assertThat(r.runId()).isEqualTo("run-7");
            assertThat(r.failure()).isEqualTo(failure);
            assertThat(r.error()).isEqualTo(failure.detail());
        });
        assertThat(IpcFiles.list(output)).isEmpty();
    }
}
