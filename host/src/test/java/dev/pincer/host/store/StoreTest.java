package dev.pincer.host.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.protocol.AgentOutput;
import dev.pincer.protocol.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoreTest extends FreshStore {

    MessageStore messages;
    GroupStore groups;
    RunLedger ledger;
    OutboxStore outbox;

    @BeforeEach
    void open() {
        messages = new MessageStore(db);
        groups = new GroupStore(db);
        ledger = new RunLedger(db);
        outbox = new OutboxStore(db, messages);
    }

    @Test
    void sequenceIsMonotonicPerChatAndIdsAreUniquePerChat() {
        StoredMessage a = messages.append("web:a", "web", "a", "m1", "ann", "one", false, Instant.now());
        StoredMessage b = messages.append("web:a", "web", "a", "m2", "ann", "two", false, Instant.now());
        StoredMessage other = messages.append("web:b", "web", "b", "m1", "bob", "x", false, Instant.now());
        StoredMessage again = messages.append("web:a", "web", "a", "m1", "ann", "changed", false, Instant.now());
        assertThat(a.seq()).isEqualTo(1);
        assertThat(b.seq()).isEqualTo(2);
        assertThat(other.seq()).isEqualTo(1);
        assertThat(again).isEqualTo(a);
        assertThat(messages.after("web:a", 0, 10)).extracting(StoredMessage::text).containsExactly("one", "two");
        assertThat(messages.after("web:a", 1, 10)).extracting(StoredMessage::text).containsExactly("two");
    }

    @Test
    void listenersHearOnlyNewMessages() {
        List<StoredMessage> heard = new ArrayList<>();
        messages.onAppended(heard::add);
        messages.append("web:a", "web", "a", "m1", "ann", "one", false, Instant.now());
        messages.append("web:a", "web", "a", "m1", "ann", "one", false, Instant.now());
        assertThat(heard).hasSize(1);
    }

    @Test
    void reopeningKeepsDataAndAppliesMigrationsOnce() throws Exception {
        messages.append("web:a", "web", "a", "m1", "ann", "one", false, Instant.now());
        groups.register(new Group("fam", "web:fam", "Family", new Group.Trigger("@Andy", true), false, "{}"));
        reopen();
        assertThat(Migrations.applied(db)).containsExactly("001-core", "002-tasks", "003-isolated-runs", "004-usage", "006-isolation", "007-channels",
                "008-outbox-given-up", "009-media", "010-memory", "011-run-tools");
        assertThat(new MessageStore(db).count()).isEqualTo(1);
        assertThat(new GroupStore(db).byJid("web:fam")).isPresent();
    }

    @Test
    void groupConflictsAreRefused() {
        groups.register(new Group("main", "web:main", "Main", new Group.Trigger("@Andy", false), true, "{}"));
        assertThatThrownBy(() -> groups.register(new Group("main", "web:x", "X", new Group.Trigger("@Andy", true), false, "{}")))
                .isInstanceOf(GroupStore.Conflict.class).hasMessageContaining("folder");
        assertThatThrownBy(() -> groups.register(new Group("x", "web:main", "X", new Group.Trigger("@Andy", true), false, "{}")))
                .isInstanceOf(GroupStore.Conflict.class).hasMessageContaining("already registered");
        assertThatThrownBy(() -> groups.register(new Group("y", "web:y", "Y", new Group.Trigger("@Andy", true), true, "{}")))
                .isInstanceOf(GroupStore.Conflict.class).hasMessageContaining("main");
        assertThatThrownBy(() -> groups.remove("main")).isInstanceOf(GroupStore.Conflict.class);
        assertThatThrownBy(() -> new Group("../x", "web:z", "Z", new Group.Trigger("@Andy", true), false, "{}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outputsApplyOnceAndMoveTheCursorInTheSameTransaction() {
        groups.register(new Group("fam", "web:fam", "Family", new Group.Trigger("@Andy", true), false, "{}"));
        ledger.start("r1", "fam", "web:fam", 7);
        assertThat(groups.cursor("fam")).isZero();

        assertThat(ledger.applyMessage("fam", "f1.json", "r1", "web:fam", "hello", null)).isPresent();
        assertThat(ledger.applyMessage("fam", "f1.json", "r1", "web:fam", "hello", null)).isEmpty();
        assertThat(groups.cursor("fam")).isEqualTo(7);
        assertThat(outbox.pending(10)).hasSize(1);

        var result = new AgentOutput.Result("r1", "ok", "sess-1", null, new Usage(10, 5, 2, 1));
        assertThat(ledger.applyResult("fam", "f2.json", result)).isTrue();
        assertThat(ledger.applyResult("fam", "f2.json", result)).isFalse();
        assertThat(new SessionStore(db).get("fam")).contains("sess-1");
        assertThat(ledger.byId("r1").orElseThrow().outcome().status()).isEqualTo(RunLedger.OK);
        assertThat(ledger.totals()).isEqualTo(new Usage(10, 5, 2, 1));
    }

    @Test
    void anIsolatedRunNeverReplacesTheGroupsSession() {
        groups.register(new Group("fam", "web:fam", "Family", new Group.Trigger("@Andy", true), false, "{}"));
        ledger.start("r1", "fam", "web:fam", 0);
        ledger.applyResult("fam", "a.json", new AgentOutput.Result("r1", "ok", "group-session", null, Usage.ZERO));
        ledger.start("r2", "fam", "web:fam", 0, "task-run-1", false);
        ledger.applyResult("fam", "b.json", new AgentOutput.Result("r2", "ok", "isolated-session", null, Usage.ZERO));
        assertThat(new SessionStore(db).get("fam")).contains("group-session");
        assertThat(ledger.byId("r2").orElseThrow().outcome().status()).isEqualTo(RunLedger.OK);
    }

    @Test
    void aResultCannotTouchAnotherGroupsRun() {
        groups.register(new Group("a", "web:a", "A", new Group.Trigger("@Andy", true), false, "{}"));
        groups.register(new Group("b", "web:b", "B", new Group.Trigger("@Andy", true), false, "{}"));
        ledger.start("ra", "a", "web:a", 3);
        ledger.applyResult("b", "f.json", new AgentOutput.Result("ra", "ok", "s", null, Usage.ZERO));
        assertThat(ledger.byId("ra").orElseThrow().outcome().status()).isEqualTo(RunLedger.RUNNING);
        assertThat(groups.cursor("a")).isZero();
        assertThat(new SessionStore(db).get("a")).isEmpty();
    }

    @Test
    void deliveringStoresTheReplyAsAnAssistantMessage() {
        long id = outbox.enqueue("web:main", "hi there", null);
        StoredMessage m = outbox.markDelivered(id, "web", "Andy");
        assertThat(m.sender().assistant()).isTrue();
        assertThat(m.sender().name()).isEqualTo("Andy");
        assertThat(outbox.markDelivered(id, "web", "Andy")).isNull();
        assertThat(outbox.pending(10)).isEmpty();
        assertThat(messages.after("web:main", 0, 10)).extracting(StoredMessage::text).containsExactly("hi there");
    }

    @Test
    void concurrentWritersAllCommit() throws Exception {
        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int n = t;
            ts.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 50; i++) {
                    messages.append("web:c", "web", "c", n + "-" + i, "u", "t", false, Instant.now());
                }
            }));
        }
        go.countDown();
        for (Thread t : ts) {
            t.join();
        }
        List<StoredMessage> all = messages.after("web:c", 0, 1000);
        assertThat(all).hasSize(threads * 50);
        assertThat(all.get(all.size() - 1).seq()).isEqualTo(threads * 50L);
    }
    @Test
    void theRunRowRecordsWhatItsSandboxGotAndARunFedIntoItCopiesIt() {
        var isolation = new dev.pincer.host.sandbox.Isolation("bwrap", dev.pincer.host.sandbox.Isolation.Seccomp.FILTER,
                new dev.pincer.host.sandbox.Isolation.Enforcement("cgroup v1", true, new dev.pincer.host.sandbox.Limits(512, 99, 0.5)),
                60000, 60001);
        ledger.start("r1", "family", "web:family", 1);
        ledger.start("r2", "family", "web:family", 2);
        ledger.start("r3", "family", "web:family", 3);
        assertThat(ledger.isolation("r1")).isEmpty();
        ledger.recordIsolation("r1", isolation);
        ledger.copyIsolation("r1", "r2");
        assertThat(ledger.isolation("r1")).contains(isolation);
        assertThat(ledger.isolation("r2")).contains(isolation);
        assertThat(ledger.isolation("r3")).as("no sandbox recorded").isEmpty();
        long columns = db.read(c -> Sql.number(c, """
                SELECT COUNT(*) FROM runs WHERE id = 'r1' AND sandbox_runtime = 'bwrap' AND sandbox_seccomp = 'filter'
                  AND sandbox_limits = 'cgroup v1' AND sandbox_limits_per_sandbox = 1 AND sandbox_memory_mb = 512
                  AND sandbox_pids = 99 AND sandbox_cpus = 0.5 AND sandbox_uid = 60000 AND sandbox_gid = 60001"""));
        assertThat(columns).isEqualTo(1);
    }
}
