package dev.pincer.host.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pincer.protocol.Usage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerTest {

    static final ZoneId UTC = ZoneOffset.UTC;
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir Path dir;
    final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    Rig rig(ZoneId zone, SchedulerClock clock) {
        Rig r = new Rig(dir.resolve("store/pincer.db"), zone, clock);
        open.add(r);
        return r;
    }

    @Test
    void onceRunsOnceThenIsDone() {
        ManualClock clock = new ManualClock(T0);
        Rig rig = rig(UTC, clock);
        Task t = rig.service.schedule("main", "web:main", "remind me", "once", "2026-01-01T00:05", "isolated");
        assertThat(rig.scheduler.tick()).isEmpty();
        clock.set(Instant.parse("2026-01-01T00:05:00Z"));
        List<DueTask> first = rig.scheduler.tick();
        assertThat(first).containsExactly(new DueTask(t.id(), first.get(0).runId(), "main", "web:main",
                new Task.Spec("remind me", "once", "2026-01-01T00:05", "isolated"), Instant.parse("2026-01-01T00:05:00Z")));
        assertThat(first.get(0).isolated()).isTrue();
        assertThat(rig.service.get(t.id())).extracting(Task::status, x -> x.times().nextRun(), x -> x.times().lastRun())
                .containsExactly(Task.DONE, null, Instant.parse("2026-01-01T00:05:00Z"));
        clock.advance(Duration.ofDays(400));
        assertThat(rig.scheduler.tick()).isEmpty();
        assertThat(rig.due).hasSize(1);
        assertThat(rig.store.runs(t.id(), 10)).hasSize(1);
        assertThat(rig.taskEvents()).containsExactly("created", "due");
    }

    @Test
    void intervalDueTimesStayOnTheGridOverAThousandRunsThatEndLate() {
        ManualClock clock = new ManualClock(T0);
        Rig rig = rig(UTC, clock);
        Duration every = Duration.ofMinutes(10);
        Task t = rig.service.schedule("main", "web:main", "check", "interval", Long.toString(every.toMillis()), "group");
        for (int k = 1; k <= 1000; k++) {
            Instant expected = T0.plus(every.multipliedBy(k));
            clock.set(expected.plusMillis(k % 250));               // the scheduler wakes a little late
            List<DueTask> claimed = rig.scheduler.tick();
            assertThat(claimed).hasSize(1);
            assertThat(claimed.get(0).due()).isEqualTo(expected);
            clock.advance(Duration.ofMinutes(9));                    // the run takes nine minutes
            rig.service.recordRunEnd(claimed.get(0).runId(), true, Duration.ofMinutes(9).toMillis(), "ok", Usage.ZERO);
            assertThat(rig.service.get(t.id()).times().nextRun()).isEqualTo(expected.plus(every));
        }
        assertThat(rig.due).extracting(DueTask::due)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 1000)
                        .mapToObj(k -> T0.plus(every.multipliedBy(k))).toList());
    }

    @Test
    void cronAcrossSpringForwardRunsAtTheNextValidMinute() {
        assertThat(cronRunsBetween("Europe/Berlin", "30 2 * * *", "2026-03-27T12:00", "2026-03-31T00:00"))
                .containsExactly("2026-03-28T02:30+01:00", "2026-03-29T03:00+02:00", "2026-03-30T02:30+02:00");
    }

    @Test
    void cronAcrossFallBackRunsTheRepeatedTimeOnce() {
        assertThat(cronRunsBetween("America/New_York", "30 1 * * *", "2026-10-31T12:00", "2026-11-03T00:00"))
                .containsExactly("2026-11-01T01:30-04:00", "2026-11-02T01:30-05:00");
    }

    /** Schedules {@code cron} in {@code zoneId}, ticks every minute from {@code from} to {@code until} (local times), returns the runs with their offsets. */
    private List<String> cronRunsBetween(String zoneId, String cron, String from, String until) {
        ZoneId zone = ZoneId.of(zoneId);
        ManualClock clock = new ManualClock(local(from, zone));
        Rig rig = rig(zone, clock);
        rig.service.schedule("main", "web:main", "nightly", "cron", cron, "group");
        List<String> ran = new ArrayList<>();
        for (Instant t = clock.now(); t.isBefore(local(until, zone)); t = t.plus(Duration.ofMinutes(1))) {
            clock.set(t);
            rig.scheduler.tick().forEach(d -> ran.add(d.due().atZone(zone).toOffsetDateTime().toString()));
        }
        return ran;
    }

    @Test
    void concurrentTicksOfTwoSchedulersOnOneDatabaseNeverDoubleRun() throws Exception {
        ManualClock clock = new ManualClock(T0);
        Rig a = rig(UTC, clock);
        Rig b = rig(UTC, clock);
        int tasks = 30;
        for (int i = 0; i < tasks; i++) {
            (i % 2 == 0 ? a : b).service.schedule("main", "web:main", "task " + i, "interval", "1000", "group");
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 1; round <= 5; round++) {
                clock.set(T0.plusSeconds(round));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<List<DueTask>>> ticks = new ArrayList<>();
                for (int th = 0; th < 8; th++) {
                    Scheduler s = (th % 2 == 0 ? a : b).scheduler;
                    ticks.add(pool.submit(() -> {
                        go.await();
                        return s.tick();
                    }));
                }
                go.countDown();
                List<DueTask> claimed = new ArrayList<>();
                for (Future<List<DueTask>> f : ticks) {
                    claimed.addAll(f.get());
                }
                assertThat(claimed).as("round %d", round).hasSize(tasks);
                assertThat(claimed.stream().map(DueTask::taskId).distinct()).hasSize(tasks);
                assertThat(claimed).allMatch(d -> d.due().equals(clock.now()));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(a.due.size() + b.due.size()).isEqualTo(5 * tasks);
        for (Task t : a.service.list(Optional.empty())) {
            assertThat(a.store.runs(t.id(), 100)).hasSize(5);
        }
    }

    @Test
    void twoRunningSchedulersHandEachDueRunToExactlyOneConsumer() {
        ManualClock clock = new ManualClock(T0);
        Rig a = rig(UTC, clock);
        Rig b = rig(UTC, clock);
        for (int i = 0; i < 20; i++) {
            a.service.schedule("main", "web:main", "task " + i, "once", T0.plusSeconds(10 + i % 3).toString(), "group");
        }
        a.scheduler.start();
        b.scheduler.start();
        clock.advance(Duration.ofSeconds(15));
        await().atMost(Duration.ofSeconds(10)).until(() -> a.due.size() + b.due.size() >= 20);
        await().pollDelay(Duration.ofMillis(300)).until(() -> true);   // time for any double run to show up
        List<String> ids = new ArrayList<>(a.due.stream().map(DueTask::taskId).toList());
        ids.addAll(b.due.stream().map(DueTask::taskId).toList());
        assertThat(ids).doesNotHaveDuplicates().hasSize(20);
    }

    @Test
    void restartAfterAGapRunsEachMissedTaskOnceAndMovesOnToTheFuture() {
        ManualClock clock = new ManualClock(T0);
        Rig before = rig(UTC, clock);
        Task every10 = before.service.schedule("main", "web:main", "every 10 min", "interval", "600000", "group");
        Task hourly = before.service.schedule("fam", "web:fam", "hourly", "cron", "0 * * * *", "group");
        Task once = before.service.schedule("main", "web:main", "once", "once", "2026-01-01T00:30", "group");
        Task paused = before.service.schedule("main", "web:main", "paused", "interval", "60000", "group");
        before.service.pause(paused.id());
        before.scheduler.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> clock.sleepingUntil() != null);
        before.close();
        open.remove(before);

        clock.advance(Duration.ofHours(5).plusMinutes(3));            // Pincer is down for five hours
        Rig after = rig(UTC, clock);
        after.scheduler.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> after.due.size() >= 3);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> after.due.size() == 3);

        assertThat(after.due).extracting(DueTask::taskId).containsExactlyInAnyOrder(every10.id(), hourly.id(), once.id());
        Instant now = clock.now();
        assertThat(after.service.get(every10.id()).times().nextRun()).isEqualTo(T0.plus(Duration.ofMinutes(310)));
        assertThat(after.service.get(hourly.id()).times().nextRun()).isEqualTo(T0.plus(Duration.ofHours(6)));
        assertThat(after.service.get(once.id())).extracting(Task::status, x -> x.times().nextRun()).containsExactly(Task.DONE, null);
        assertThat(after.service.get(paused.id()).status()).isEqualTo(Task.PAUSED);
        assertThat(after.service.list(Optional.empty())).filteredOn(Task::isActive).map(x -> x.times().nextRun())
                .as("active tasks due now or in the past").noneMatch(n -> !n.isAfter(now));
        await().atMost(Duration.ofSeconds(5)).until(() -> T0.plus(Duration.ofMinutes(310)).equals(clock.sleepingUntil()));
    }

    @Test
    void aRunLeftUnfinishedByACrashIsRetriedOnceAtStart() {
        ManualClock clock = new ManualClock(T0);
        Rig crashed = rig(UTC, clock);
        Task once = crashed.service.schedule("main", "web:main", "remind me", "once", "2026-01-01T00:05", "group");
        clock.set(Instant.parse("2026-01-01T00:05:00Z"));
        DueTask lost = crashed.scheduler.tick().get(0);       // claimed, then Pincer dies before the run ends
        crashed.close();
        open.remove(crashed);

        clock.advance(Duration.ofMinutes(2));
        Rig restarted = rig(UTC, clock);
        assertThat(restarted.scheduler.recoverUnfinished()).hasSize(1);
        restarted.scheduler.start();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> restarted.due.size() == 1);
        DueTask retry = restarted.due.get(0);
        assertThat(retry.runId()).isNotEqualTo(lost.runId());
        assertThat(retry).extracting(DueTask::taskId, x -> x.spec().prompt(), DueTask::due)
                .containsExactly(once.id(), "remind me", Instant.parse("2026-01-01T00:05:00Z"));
        assertThat(restarted.store.run(lost.runId()).orElseThrow().outcome().error()).isEqualTo("Pincer stopped during the run; retried as run " + retry.runId());
        assertThat(restarted.store.run(retry.runId()).orElseThrow().retryOf()).isEqualTo(lost.runId());
        restarted.close();
        open.remove(restarted);

        Rig again = rig(UTC, clock);                             // the retry did not finish either
        assertThat(again.scheduler.recoverUnfinished()).isEmpty();
        assertThat(again.store.run(retry.runId()).orElseThrow())
                .extracting(TaskRun::status, x -> x.outcome().error())
                .containsExactly(TaskRun.ERROR, "Pincer stopped during the run, which was already a retry; not retried again");
        assertThat(again.store.running()).isEmpty();
    }

    @Test
    void anUnfinishedRunOfACancelledTaskIsNotRetried() {
        ManualClock clock = new ManualClock(T0);
        Rig rig = rig(UTC, clock);
        Task t = rig.service.schedule("main", "web:main", "x", "interval", "60000", "group");
        clock.advance(Duration.ofMinutes(1));
        DueTask d = rig.scheduler.tick().get(0);
        rig.service.cancel(t.id());
        assertThat(rig.scheduler.recoverUnfinished()).isEmpty();
        assertThat(rig.store.run(d.runId()).orElseThrow().outcome().error()).contains("no longer active");
    }

    @Test
    void racingRecoveriesRetryEachRunOnce() throws Exception {
        ManualClock clock = new ManualClock(T0);
        Rig a = rig(UTC, clock);
        Rig b = rig(UTC, clock);
        for (int i = 0; i < 10; i++) {
            a.service.schedule("main", "web:main", "t" + i, "interval", "60000", "group");
        }
        clock.advance(Duration.ofMinutes(1));
        assertThat(a.scheduler.tick()).hasSize(10);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<List<DueTask>> fa = pool.submit(() -> {
                go.await();
                return a.scheduler.recoverUnfinished();
            });
            Future<List<DueTask>> fb = pool.submit(() -> {
                go.await();
                return b.scheduler.recoverUnfinished();
            });
            go.countDown();
            List<DueTask> retried = new ArrayList<>(fa.get());
            retried.addAll(fb.get());
            assertThat(retried).hasSize(10);
            assertThat(retried.stream().map(DueTask::taskId).distinct()).hasSize(10);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aChangeWakesTheSleepingSchedulerToTheNewEarliestTask() {
        ManualClock clock = new ManualClock(T0);
        Rig rig = rig(UTC, clock);
        rig.service.schedule("main", "web:main", "far", "once", "2026-06-01T00:00", "group");
        rig.scheduler.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.parse("2026-06-01T00:00:00Z").equals(clock.sleepingUntil()));

        Task soon = rig.service.schedule("main", "web:main", "soon", "once", T0.plusMillis(50).toString(), "group");
        await().atMost(Duration.ofSeconds(5)).until(() -> T0.plusMillis(50).equals(clock.sleepingUntil()));
        clock.advance(Duration.ofMillis(50));
        await().atMost(Duration.ofSeconds(5)).until(() -> rig.due.size() == 1);
        assertThat(rig.due.get(0).taskId()).isEqualTo(soon.id());
    }

    @Test
    void anIdleSchedulerDoesNotPoll() throws Exception {
        ManualClock clock = new ManualClock(T0);
        Rig rig = rig(UTC, clock);
        rig.service.schedule("main", "web:main", "far", "interval", Long.toString(Duration.ofDays(1).toMillis()), "group");
        rig.scheduler.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> clock.sleepingUntil() != null);
        int waits = clock.waits();
        Thread.sleep(300);
        assertThat(clock.waits()).isEqualTo(waits);
        rig.service.pause(rig.service.list(Optional.empty()).get(0).id());
        await().atMost(Duration.ofSeconds(5)).until(() -> clock.sleepingUntil() == Instant.MAX);
    }

    @Test
    void aTaskDueSoonFiresPromptlyOnTheSystemClock() throws Exception {
        List<Duration> lateness = new CopyOnWriteArrayList<>();
        Rig rig = new Rig(dir.resolve("store/pincer.db"), UTC, SchedulerClock.system(),
                d -> lateness.add(Duration.between(d.due(), Instant.now())));
        open.add(rig);
        rig.service.schedule("main", "web:main", "far", "interval", Long.toString(Duration.ofHours(1).toMillis()), "group");
        rig.scheduler.start();
        Thread.sleep(100); // the scheduler is asleep toward the far task (60 s at most, its longest sleep)
        rig.service.schedule("main", "web:main", "soon", "once", Instant.now().plusMillis(150).toString(), "group");
        await().atMost(Duration.ofSeconds(10)).until(() -> lateness.size() == 1);
        System.out.println("scheduler lateness on the system clock: " + lateness.get(0).toMillis() + " ms");
        // Without the wake-up on change it would be ~60 s late (the longest sleep); allow for a loaded machine.
        assertThat(lateness.get(0)).isLessThan(Duration.ofSeconds(5)).isGreaterThanOrEqualTo(Duration.ZERO);
    }

    @Test
    void aConsumerThatThrowsFailsTheRunAndTheTaskMovesOn() {
        ManualClock clock = new ManualClock(T0);
        Rig rig = new Rig(dir.resolve("store/pincer.db"), UTC, clock, d -> {
            throw new IllegalStateException("queue closed");
        });
        open.add(rig);
        Task t = rig.service.schedule("main", "web:main", "x", "interval", "1000", "group");
        clock.advance(Duration.ofSeconds(1));
        assertThat(rig.scheduler.tick()).hasSize(1);
        assertThat(rig.store.runs(t.id(), 10)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(TaskRun.ERROR);
            assertThat(r.outcome().error()).contains("queue closed");
        });
        assertThat(rig.service.get(t.id()).times().nextRun()).isEqualTo(T0.plusSeconds(2));
        assertThat(rig.taskEvents()).containsExactly("created", "due", "finished");
    }

    @Test
    void aHandEditedBrokenScheduleIsPausedNotRetriedForever() {
        ManualClock clock = new ManualClock(T0);
        Rig rig = rig(UTC, clock);
        Task t = rig.service.schedule("main", "web:main", "x", "interval", "1000", "group");
        rig.store.modify(t.id(), x -> new Task(x.id(), x.groupFolder(), x.chatJid(),
                new Task.Spec(x.spec().prompt(), "interval", "nonsense", x.spec().contextMode()), x.status(), x.times()));
        clock.advance(Duration.ofSeconds(5));
        assertThat(rig.scheduler.tick()).isEmpty();
        assertThat(rig.service.get(t.id()).status()).isEqualTo(Task.PAUSED);
        assertThat(rig.store.due(clock.now())).isEmpty();
    }

    static Instant local(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }
}
