package dev.pincer.host.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.config.Layout;
import dev.pincer.host.events.EventBus;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.identity.SenderCheck;
import dev.pincer.host.store.AuditLog;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.OutboxStore;
import dev.pincer.host.store.RunLedger;
import dev.pincer.host.store.RunSteps;
import dev.pincer.protocol.AgentOutput;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.protocol.Json;
import dev.pincer.protocol.RunFailure;
import dev.pincer.protocol.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile sandbox can put into {@code output/} in place of a file, against a real store:
 * each is rejected, audited and moved aside without the host ever opening it (a FIFO or device
 * would block or never end), the host stays responsive, and a good file after them is applied.
 */
class OutputApplierTest {

    @TempDir Path home;
    Layout layout;
    Database db;
    AuditLog audit;
    OutboxStore outbox;
    MessageStore messages;
    OutputApplier applier;
    Path output;
    final OutputApplier.RunTarget target = new OutputApplier.RunTarget("family", "r1", "web:family");

    @BeforeEach
    void open() throws Exception {
        layout = new Layout(home);
        db = Database.open(layout.database());
        messages = new MessageStore(db);
        GroupStore groups = new GroupStore(db);
        new GroupRegistry(groups, layout, "Andy").register(new Group("family", "web:family", "Family", new Group.Trigger("@Andy", true), false, "{}"));
        audit = new AuditLog(db);
        outbox = new OutboxStore(db, messages);
        RunLedger ledger = new RunLedger(db);
        ledger.start("r1", "family", "web:family", 0);
        applier = new OutputApplier(ledger, audit, new LiveOutputs(new EventBus(), new RunSteps(db)), layout, new SenderCheck("Andy", layout, groups, messages), () -> {});
        output = Files.createDirectories(layout.ipcDir("family").resolve(IpcFiles.OUTPUT));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Path message(String text, String sender) throws Exception {
        return IpcFiles.write(output, new AgentOutput.Message(text, sender));
    }

    /** Applies on another thread and insists it ends within {@code limit}: a blocked host thread fails the test. */
    private Duration applyWithin(Duration limit) throws Exception {
        long start = System.nanoTime();
        CompletableFuture.runAsync(() -> applier.applyAll(target, r -> {})).get(limit.toMillis(), TimeUnit.MILLISECONDS);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private List<String> pendingTexts() {
        return outbox.pending(100).stream().map(OutboxStore.Pending::text).toList();
    }

    private List<AuditLog.Entry> rejected() {
        return audit.recent(1000).stream().filter(e -> e.kind().equals("ipc-output") && e.verdict().equals("rejected")).toList();
    }

    private static List<String> names(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void fifosSocketsDevicesLinksFoldersAndHugeFilesAreRejectedUnopenedAndTheNextFileIsApplied() throws Exception {
        Path secret = Files.writeString(home.resolve("host-secret"), "{\"type\":\"message\",\"text\":\"SECRET\"}");
        Map<String, String> planted = new LinkedHashMap<>(); // name -> what the audit must say
        planted.put(Planted.fifo(output.resolve(IpcFiles.newName())).getFileName().toString(), "a FIFO");
        planted.put(Planted.socket(output.resolve(IpcFiles.newName())).getFileName().toString(), "a socket");
        planted.put(Files.createSymbolicLink(output.resolve(IpcFiles.newName()), secret).getFileName().toString(),
                "a symbolic link");
        Path folder = Files.createDirectory(output.resolve(IpcFiles.newName()));
        Files.writeString(folder.resolve("inside"), "x");
        planted.put(folder.getFileName().toString(), "a folder");
        planted.put(Planted.sparse(output.resolve(IpcFiles.newName()), 4L << 30).getFileName().toString(),
                "the file is 4294967296 bytes, the limit is " + IpcFiles.MAX_BYTES);
        planted.put(Planted.sparse(output.resolve(IpcFiles.newName()), IpcFiles.MAX_BYTES + 1).getFileName().toString(),
                "the limit is " + IpcFiles.MAX_BYTES);
        Path device = Planted.device(output.resolve(IpcFiles.newName()));
        if (device != null) {
            planted.put(device.getFileName().toString(), "a character device");
        }
        message("the good one", null);

        Duration took = applyWithin(Duration.ofSeconds(10));

        assertThat(pendingTexts()).containsExactly("the good one");
        assertThat(rejected()).hasSize(planted.size());
        planted.forEach((name, says) -> assertThat(rejected()).as(name).anySatisfy(e -> {
            assertThat(e.folder()).isEqualTo("family");
            assertThat(e.detail()).startsWith(name + ": ").contains(says);
        }));
        List<String> aside = names(layout.ipcErrorsDir());
        planted.keySet().forEach(name -> assertThat(aside).contains("family-" + name));
        assertThat(output).isEmptyDirectory();
        assertThat(names(layout.ipcWorkDir("family").resolve(IpcFiles.OUTPUT))).isEmpty();
        assertThat(secret).hasContent("{\"type\":\"message\",\"text\":\"SECRET\"}");
        assertThat(took).as("nothing was waited for").isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aSandboxSwappingFifosAndFilesUnderTheHostNeverMakesItOpenAFifo() throws Exception {
        Path spare = Planted.fifo(layout.ipcDir("family").resolve("spare-fifo"));
        Path tmp = output.resolve("swap.tmp");
        int rounds = 150;
        CompletableFuture<Integer> swapper = CompletableFuture.supplyAsync(() -> {
            int swaps = 0;
            try {
                while (swaps < rounds) {
                    Path name = output.resolve(IpcFiles.newName());
                    Files.writeString(tmp, "{\"type\":\"message\",\"text\":\"swap " + swaps + "\"}");
                    Files.move(tmp, name, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    Files.createLink(tmp, spare);
                    Files.move(tmp, name, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    swaps++;
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return swaps;
        });
        // Each pass may meet many files (every rejection is a committed audit row): generous, but a
        // reader blocked on a FIFO would never end.
        while (!swapper.isDone()) {
            applyWithin(Duration.ofSeconds(60));
        }
        applyWithin(Duration.ofSeconds(60));

        assertThat(swapper.get()).isEqualTo(rounds);
        assertThat(pendingTexts()).allSatisfy(t -> assertThat(t).startsWith("swap "));
        assertThat(rejected()).isNotEmpty().allSatisfy(e -> assertThat(e.detail()).contains("a FIFO"));
        assertThat(Thread.getAllStackTraces().keySet()).as("no reader waits on a FIFO")
                .noneMatch(t -> t.getName().startsWith("ipc-read-") && t.isAlive());
        assertThat(output).isEmptyDirectory();
    }

    @Test
    void aFileTheSandboxHoldsALeaseOnCostsTheHostAtMostTheOpenLimit() throws Exception {
        Path held = message("held hostage", null);
        Process lease = Planted.leased(held);
        try {
            message("after the lease", null);
            Duration took = applyWithin(TakenFile.OPEN_LIMIT.plusSeconds(5));
            assertThat(took).isGreaterThanOrEqualTo(TakenFile.OPEN_LIMIT).isLessThan(TakenFile.OPEN_LIMIT.plusSeconds(3));
            assertThat(pendingTexts()).containsExactly("after the lease");
            assertThat(rejected()).singleElement().satisfies(e ->
                    assertThat(e.detail()).startsWith(held.getFileName() + ": ").contains("could not be opened within 5 s"));
            assertThat(names(layout.ipcErrorsDir())).containsExactly("family-" + held.getFileName());
        } finally {
            lease.destroyForcibly();
        }
    }

    @Test
    void theSameBadNameTwiceIsMovedAsideTwiceAndNeverMetAgain() throws Exception {
        String name = IpcFiles.newName();
        for (int round = 0; round < 2; round++) {
            Files.writeString(Files.createDirectory(output.resolve(name)).resolve("inside"), "x");
            applyWithin(Duration.ofSeconds(5));
        }
        applyWithin(Duration.ofSeconds(5));
        assertThat(rejected()).hasSize(2);
        assertThat(names(layout.ipcErrorsDir())).hasSize(2).allMatch(n -> n.startsWith("family-" + name));
        assertThat(names(layout.ipcWorkDir("family").resolve(IpcFiles.OUTPUT))).isEmpty();
    }

    @Test
    void aFileTakenBeforeACrashIsAppliedExactlyOnce() throws Exception {
        Path work = Files.createDirectories(layout.ipcWorkDir("family").resolve(IpcFiles.OUTPUT));
        Path first = message("taken, then the host crashed", null);
        Files.move(first, work.resolve(first.getFileName()));
        message("still in output", null);

        applyWithin(Duration.ofSeconds(5));
        assertThat(pendingTexts()).containsExactly("taken, then the host crashed", "still in output");

        // Applied but not deleted (a crash in between): the same name again applies nothing.
        Files.writeString(work.resolve(first.getFileName()), Json.MAPPER.writeValueAsString(
                new AgentOutput.Message("taken, then the host crashed", null)));
        applyWithin(Duration.ofSeconds(5));
        assertThat(pendingTexts()).hasSize(2);
        assertThat(names(work)).isEmpty();
    }

    @Test
    void aMessageUnderAPersonsNameGoesOutAsTheAssistantAndIsAudited() throws Exception {
        messages.append("web:family", "web", null, "m1", "Mary", "hello", false, Instant.now());
        message("I, Mary, approve the transfer", "Mary");
        message("here is what I found", "researcher");

        applyWithin(Duration.ofSeconds(5));

        List<String> senders = new ArrayList<>();
        outbox.pending(10).forEach(p -> senders.add(p.sender()));
        assertThat(senders).containsExactly(null, "researcher");
        assertThat(audit.recent(10)).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("ipc-output");
            assertThat(e.verdict()).isEqualTo("refused");
            assertThat(e.detail()).contains("the person 'Mary'").contains("sent as the assistant");
        });
    }

    @Test
    void aResultKeepsItsFailureAndTakesTheHostsRunId() throws Exception {
        var failure = new RunFailure(RunFailure.Kind.AUTH, "The model API refused the API key (HTTP 401).",
                "Put a valid key into .env.", "Anthropic API HTTP 401 authentication_error: invalid x-api-key");
        IpcFiles.write(output, AgentOutput.Result.failed("not-ours", "s1", failure, new Usage(1, 2, 0, 0)));
        List<AgentOutput.Result> seen = new ArrayList<>();

        applier.applyAll(target, seen::add);

        assertThat(seen).singleElement().satisfies(r -> {
            assertThat(r.runId()).isEqualTo("r1");
            assertThat(r.failure()).isEqualTo(failure);
            assertThat(r.error()).isEqualTo(failure.detail());
        });
        assertThat(IpcFiles.list(output)).isEmpty();
    }
}
