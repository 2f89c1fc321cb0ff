package dev.pincer.host.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.host.store.Database;
import dev.pincer.host.store.FreshStore;
import dev.pincer.protocol.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskStoreTest extends FreshStore {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    TaskStore store;

    @BeforeEach
    void open() {
        store = new TaskStore(db);
    }

    static Task task(String id, String folder, String status, Instant next) {
        return new Task(id, folder, "web:" + folder, new Task.Spec("do " + id, "interval", "60000", "group"), status,
                new Task.Times(next, null, T0));
    }

    @Test
    void insertsReadsAndListsByFolder() {
        assertThat(store.insert(task("t-1", "main", Task.ACTIVE, T0.plusSeconds(60)))).isTrue();
        assertThat(store.insert(task("t-2", "family", Task.PAUSED, null))).isTrue();
        assertThat(store.insert(task("t-1", "other", Task.ACTIVE, T0))).as("id taken").isFalse();
        assertThat(store.get("t-1")).contains(task("t-1", "main", Task.ACTIVE, T0.plusSeconds(60)));
        assertThat(store.get("t-2").orElseThrow().times().nextRun()).isNull();
        assertThat(store.get("nope")).isEmpty();
        assertThat(store.list(Optional.empty())).extracting(Task::id).containsExactly("t-1", "t-2");
        assertThat(store.list(Optional.of("family"))).extracting(Task::id).containsExactly("t-2");
    }

    @Test
    void dueAndEarliestOnlyConsiderActiveTasks() {
        store.insert(task("t-a", "main", Task.ACTIVE, T0.plusSeconds(30)));
        store.insert(task("t-b", "main", Task.ACTIVE, T0.plusSeconds(10)));
        store.insert(task("t-p", "main", Task.PAUSED, T0.plusSeconds(1)));
        store.insert(task("t-c", "main", Task.CANCELLED, null));
        assertThat(store.earliestNextRun()).contains(T0.plusSeconds(10));
        assertThat(store.due(T0.plusSeconds(9))).isEmpty();
        assertThat(store.due(T0.plusSeconds(10))).extracting(Task::id).containsExactly("t-b");
        assertThat(store.due(T0.plusSeconds(60))).extracting(Task::id).containsExactly("t-b", "t-a");
    }

    @Test
    void earliestIsEmptyWithoutActiveTasks() {
        assertThat(store.earliestNextRun()).isEmpty();
        store.insert(task("t-p", "main", Task.PAUSED, T0));
        assertThat(store.earliestNextRun()).isEmpty();
    }

    @Test
    void claimMovesTheDueTimeAndRecordsARunningRunOnlyOnce() {
        store.insert(task("t-1", "main", Task.ACTIVE, T0));
        Instant now = T0.plusMillis(5);
        assertThat(store.claim("t-1", T0, T0.plusSeconds(60), "r-1", now)).isTrue();
        assertThat(store.claim("t-1", T0, T0.plusSeconds(60), "r-2", now)).as("same due time again").isFalse();
        Task t = store.get("t-1").orElseThrow();
        assertThat(t.times().nextRun()).isEqualTo(T0.plusSeconds(60));
        assertThat(t.times().lastRun()).isEqualTo(now);
        assertThat(t.status()).isEqualTo(Task.ACTIVE);
        assertThat(store.runs("t-1", 10)).extracting(TaskRun::id, TaskRun::status, TaskRun::startedAt, r -> r.outcome().durationMs())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r-1", TaskRun.RUNNING, now, null));
    }

    @Test
    void claimWithoutANextRunFinishesTheTask() {
        store.insert(task("t-1", "main", Task.ACTIVE, T0));
        assertThat(store.claim("t-1", T0, null, "r-1", T0)).isTrue();
        assertThat(store.get("t-1").orElseThrow()).extracting(Task::status, t -> t.times().nextRun()).containsExactly(Task.DONE, null);
        assertThat(store.due(T0.plusSeconds(3600))).isEmpty();
    }

    @Test
    void pausedOrChangedTasksCannotBeClaimed() {
        store.insert(task("t-p", "main", Task.PAUSED, T0));
        store.insert(task("t-m", "main", Task.ACTIVE, T0.plusSeconds(1)));
        assertThat(store.claim("t-p", T0, T0.plusSeconds(60), "r-1", T0)).isFalse();
        assertThat(store.claim("t-m", T0, T0.plusSeconds(60), "r-2", T0)).isFalse();
        assertThat(store.claim("nope", T0, T0.plusSeconds(60), "r-3", T0)).isFalse();
        assertThat(store.runs("t-p", 10)).isEmpty();
        assertThat(store.run("r-2")).isEmpty();
    }

    @Test
    void modifyChangesInOneTransactionAndARefusalChangesNothing() {
        store.insert(task("t-1", "main", Task.ACTIVE, T0));
        Task paused = store.modify("t-1", t -> new Task(t.id(), "other-folder", "web:x",
                new Task.Spec("new prompt", "cron", "0 * * * *", "isolated"), Task.PAUSED,
                new Task.Times(T0.plusSeconds(5), T0, T0))).orElseThrow();
        Task stored = store.get("t-1").orElseThrow();
        assertThat(paused).as("what modify returns is what is stored").isEqualTo(stored);
        assertThat(stored.groupFolder()).as("the owner never changes").isEqualTo("main");
        assertThat(stored.chatJid()).isEqualTo("web:main");
        assertThat(stored.times().lastRun()).as("last run is the scheduler's").isNull();
        assertThat(stored).extracting(Task::spec, Task::status, t -> t.times().nextRun())
                .containsExactly(new Task.Spec("new prompt", "cron", "0 * * * *", "isolated"), Task.PAUSED, T0.plusSeconds(5));
        assertThatThrownBy(() -> store.modify("t-1", t -> {
            throw new IllegalStateException("refused");
        })).hasMessage("refused");
        assertThat(store.get("t-1")).contains(stored);
        assertThat(store.modify("nope", t -> t)).isEmpty();
    }

    @Test
    void runsEndOnceWithResultOrErrorAndTokens() {
        store.insert(task("t-1", "main", Task.ACTIVE, T0));
        store.claim("t-1", T0, T0.plusSeconds(60), "r-1", T0);
        assertThat(store.finishRun("r-1", true, 1234, "all done", new Usage(10, 20, 30, 40))).isTrue();
        assertThat(store.finishRun("r-1", false, 1, "late error", null)).as("already ended").isFalse();
        assertThat(store.run("r-1")).contains(new TaskRun("r-1", "t-1", T0, TaskRun.OK,
                new TaskRun.Outcome(1234L, "all done", null, new Usage(10, 20, 30, 40)), null));
        store.claim("t-1", T0.plusSeconds(60), T0.plusSeconds(120), "r-2", T0.plusSeconds(60));
        store.finishRun("r-2", false, 7, "boom", null);
        assertThat(store.run("r-2").orElseThrow()).extracting(TaskRun::status, TaskRun::outcome)
                .containsExactly(TaskRun.ERROR, new TaskRun.Outcome(7L, null, "boom", Usage.ZERO));
    }

    @Test
    void unfinishedRunsAreRetriedOrFailedOnce() {
        store.insert(task("t-1", "main", Task.ACTIVE, T0));
        store.claim("t-1", T0, T0.plusSeconds(60), "r-1", T0);
        store.claim("t-1", T0.plusSeconds(60), T0.plusSeconds(120), "r-2", T0.plusSeconds(60));
        store.finishRun("r-1", true, 5, "fine", null);
        assertThat(store.running()).extracting(TaskRun::id).containsExactly("r-2");

        assertThat(store.retry("r-2", "stopped; retried", "r-3", T0.plusSeconds(90))).isTrue();
        assertThat(store.retry("r-2", "stopped; retried", "r-4", T0.plusSeconds(90))).as("only once").isFalse();
        assertThat(store.run("r-2").orElseThrow()).extracting(TaskRun::status, (TaskRun k) -> k.outcome().error()).containsExactly(TaskRun.ERROR, "stopped; retried");
        assertThat(store.run("r-3").orElseThrow()).extracting(TaskRun::taskId, TaskRun::status, TaskRun::startedAt, TaskRun::retryOf)
                .containsExactly("t-1", TaskRun.RUNNING, T0.plusSeconds(90), "r-2");
        assertThat(store.run("r-4")).isEmpty();

        assertThat(store.fail("r-3", "stopped again")).isTrue();
        assertThat(store.fail("r-3", "stopped again")).isFalse();
        assertThat(store.running()).isEmpty();
    }

    @Test
    void latestRunsArePerTaskNewestFirst() {
        store.insert(task("t-1", "main", Task.ACTIVE, T0));
        store.insert(task("t-2", "main", Task.ACTIVE, T0));
        for (int i = 0; i < 5; i++) {
            store.claim("t-1", T0.plusSeconds(60L * i), T0.plusSeconds(60L * (i + 1)), "r-1-" + i, T0.plusSeconds(60L * i));
        }
        store.claim("t-2", T0, T0.plusSeconds(60), "r-2-0", T0);
        assertThat(store.latestRuns(3)).extracting(TaskRun::id).containsExactly("r-1-4", "r-1-3", "r-1-2", "r-2-0");
        assertThat(store.runs("t-1", 2)).extracting(TaskRun::id).containsExactly("r-1-4", "r-1-3");
    }

    @Test
    void racingClaimersOnSeparateConnectionsClaimEachDueRunExactlyOnce() throws Exception {
        int tasks = 40;
        for (int i = 0; i < tasks; i++) {
            store.insert(task("t-" + i, "main", Task.ACTIVE, T0));
        }
        int claimers = 6;
        List<Database> connections = new ArrayList<>();
        for (int i = 0; i < claimers; i++) {
            connections.add(Database.open(dir.resolve("store/pincer.db")));
        }
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> wins = new ArrayList<>();
            for (int c = 0; c < claimers; c++) {
                TaskStore s = new TaskStore(connections.get(c));
                int claimer = c;
                Callable<Integer> work = () -> {
                    go.await();
                    int won = 0;
                    for (int i = 0; i < tasks; i++) {
                        if (s.claim("t-" + i, T0, T0.plusSeconds(60), "r-" + claimer + "-" + i, T0)) {
                            won++;
                        }
                    }
                    return won;
                };
                wins.add(pool.submit(work));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> f : wins) {
                total += f.get();
            }
            assertThat(total).isEqualTo(tasks);
            for (int i = 0; i < tasks; i++) {
                assertThat(store.runs("t-" + i, 10)).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
            connections.forEach(Database::close);
        }
    }
}
