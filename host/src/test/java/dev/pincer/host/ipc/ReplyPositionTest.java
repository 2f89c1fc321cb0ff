package dev.pincer.host.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.config.Layout;
import dev.pincer.host.events.EventBus;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delivered reply moves the group's position past the messages the model had read when it wrote
 * it, in the reply's own transaction: after a crash, follow-ups that were answered in a busy
 * sandbox are not answered again.
 */
class ReplyPositionTest {
    @TempDir
    Path dir;

    private Database db;
    private GroupStore groups;
    private RunLedger ledger;
    private OutputApplier applier;
    private Path output;

    @BeforeEach
    void setUp() throws Exception {
        Layout layout = new Layout(dir);
        db = Database.open(layout.database());
        groups = new GroupStore(db);
        ledger = new RunLedger(db);
        groups.register(new Group("fam", "web:fam", "Family", new Group.Trigger("@Andy", false), false, "{}"));
        MessageStore messages = new MessageStore(db);
        for (String t : new String[] {"A", "B", "C"}) {
            messages.append("web:fam", "web", "Family", t, "Ann", t, false, Instant.now());
        }
        ledger.start("run-a", "fam", "web:fam", 1);
        ledger.start("run-b", "fam", "web:fam", 2);
        ledger.start("run-c", "fam", "web:fam", 3);
        new OutboxStore(db, messages);
        applier = new OutputApplier(ledger, new AuditLog(db), new LiveOutputs(new EventBus(), new RunSteps(db)), layout,
                new SenderCheck("Andy", layout, groups, messages), () -> { });
        output = Files.createDirectories(layout.ipcDir("fam").resolve(IpcFiles.OUTPUT));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private void reply(String text, String runId) throws Exception {
        IpcFiles.write(output, new AgentOutput.Message(text, null, runId));
        // run-a is the oldest unanswered batch; the sandbox was given a, b and c
        applier.applyAll(new OutputApplier.RunTarget("fam", "run-a", "web:fam", Set.of("run-a", "run-b", "run-c")), r -> { });
    }

    @Test
    void aReplyNamingALaterBatchMovesThePositionPastItsMessages() throws Exception {
        reply("answers to A and B", "run-b");
        assertThat(groups.cursor("fam")).isEqualTo(2);
        reply("an older reply arriving late", "run-a");
        assertThat(groups.cursor("fam")).as("never moves back").isEqualTo(2);
    }

    @Test
    void aReplyWithoutABatchCountsForTheOldestUnansweredOne() throws Exception {
        reply("answer", null);
        assertThat(groups.cursor("fam")).isEqualTo(1);
    }

    @Test
    void aBatchTheSandboxWasNotGivenCannotBeClaimed() throws Exception {
        ledger.start("run-other", "fam", "web:fam", 99);
        reply("claims everything", "run-other");
        assertThat(groups.cursor("fam")).isEqualTo(1);
    }
}
