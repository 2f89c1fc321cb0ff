package dev.pincer.agent.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.protocol.AgentInput;
import dev.pincer.protocol.AgentOutput;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.protocol.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputWatcherTest {
    @TempDir
    Path dir;

    private static AgentInput.Start start() {
        return new AgentInput.Start("r", "p", null, new AgentInput.Group("main", "c", true),
                new AgentInput.Setup("Andy", "anthropic", null));
    }

    @Test
    void findsAStartThatIsAlreadyThereAndDeletesIt() throws Exception {
        IpcFiles.write(dir, start());
        try (InputWatcher w = new InputWatcher(dir, Duration.ofSeconds(30))) {
            assertThat(w.awaitStart()).contains(start());
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void wakesUpOnANewFileWithoutWaitingForTheRescan() throws Exception {
        try (InputWatcher w = new InputWatcher(dir, Duration.ofSeconds(30))) {
            CompletableFuture<Optional<AgentInput.Start>> started = CompletableFuture.supplyAsync(() -> {
                try {
                    return w.awaitStart();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(200);
            Files.writeString(dir.resolve("ignored.txt"), "not an ipc name");
            IpcFiles.write(dir, start());
            assertThat(started.get(10, TimeUnit.SECONDS)).contains(start());
        }
    }

    @Test
    void badFilesAreDeletedAndMessagesBeforeTheStartAreKept() throws Exception {
        Files.writeString(dir.resolve(IpcFiles.newName()), "{not json");
        IpcFiles.write(dir, new AgentInput.Message("too early"));
        IpcFiles.write(dir, start());
        IpcFiles.write(dir, new AgentInput.Message("follow-up"));
        try (InputWatcher w = new InputWatcher(dir, Duration.ofMillis(100))) {
            assertThat(w.awaitStart()).contains(start());
            assertThat(w.drain()).containsExactly(new AgentInput.Message("too early"), new AgentInput.Message("follow-up"));
            assertThat(w.drain()).isEmpty();
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aCloseBeforeTheStartMeansNoRun() throws Exception {
        IpcFiles.write(dir, new AgentInput.Close());
        try (InputWatcher w = new InputWatcher(dir, Duration.ofMillis(100))) {
            assertThat(w.awaitStart()).isEmpty();
        }
    }

    @Test
    void outputFilesCarryTheTypePropertyAndSortInWriteOrder() throws Exception {
        OutputWriter out = new OutputWriter(dir);
        Path first = out.write(new AgentOutput.Result("r", "ok", "s", null, Usage.ZERO));
        List<Path> written = new ArrayList<>(List.of(first));
        for (int i = 0; i < 2000; i++) {
            written.add(out.write(new AgentOutput.Typing(i % 2 == 0)));
        }

        assertThat(Files.readString(first)).startsWith("{\"type\":\"result\"").doesNotContain("\"error\"");
        assertThat(IpcFiles.list(dir)).containsExactlyElementsOf(written);
        assertThat(dir.toFile().list((d, n) -> n.endsWith(".tmp"))).isEmpty();
    }
}
