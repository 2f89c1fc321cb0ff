package dev.pincer.host.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.protocol.Usage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskServiceTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z"); // 12:00 in Berlin

    @TempDir Path dir;
    ManualClock clock;
    Rig rig;
    TaskService service;

    @BeforeEach
    void open() {
        clock = new ManualClock(T0);
        rig = new Rig(dir.resolve("store/pincer.db"), BERLIN, clock);
        service = rig.service;
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void scheduleCreatesAnActiveTaskWithItsFirstRun() {
        Task t = service.schedule("family", "web:family", "water the plants", "cron", "0 9 * * *", "group");
        assertThat(t.id()).matches("t-[0-9a-f]{6}");
        assertThat(t).extracting(Task::groupFolder, Task::chatJid, Task::spec, Task::status, Task::times)
                .containsExactly("family", "web:family", new Task.Spec("water the plants", "cron", "0 9 * * *", "group"),
                        "active", new Task.Times(Instant.parse("2026-06-02T07:00:00Z"), null, T0));
        assertThat(service.get(t.id())).isEqualTo(t);
        assertThat(rig.published).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("task");
            assertThat((Map<String, Object>) e.data()).containsEntry("id", t.id()).containsEntry("folder", "family")
                    .containsEntry("state", "created").containsEntry("nextRun", "2026-06-02T07:00:00Z");
        });
    }

    @Test
    void everyChangeWakesTheScheduler() {
        AtomicInteger wakes = new AtomicInteger();
        TaskService counted = new TaskService(rig.store, BERLIN, clock, rig.events, wakes::incrementAndGet, Rig.ANY);
        Task t = counted.schedule("main", "web:main", "p", "interval", "60000", "group");
        counted.pause(t.id());
        counted.resume(t.id());
        counted.update(t.id(), "q", null, null, null);
        counted.cancel(t.id());
        assertThat(wakes).hasValue(5);
        assertThatThrownBy(() -> counted.schedule("main", "web:main", "p", "interval", "0", "group"));
        assertThat(wakes).as("a refused change wakes nothing").hasValue(5);
    }

    @ParameterizedTest(name = "{6}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "main   | web:main | p     | cron     | 61 * * * *       | group  | minute field: 61 is out of range 0-59",
        "main   | web:main | p     | interval | -1               | group  | positive",
        "main   | web:main | p     | interval | often            | group  | not a number",
        "main   | web:main | p     | once     | 2026-06-01T11:00 | group  | in the past",
        "main   | web:main | p     | once     | next week        | group  | not a date-time",
        "../etc | web:main | p     | interval | 1000             | group  | invalid group folder name",
        "main   | web:main | \" \" | interval | 1000             | group  | prompt is required",
        "main   | \"\"       | p     | interval | 1000             | group  | chat is required",
        "main   | web:main | p     | interval | 1000             | shared | context_mode 'shared' is not one of group, isolated",
    })
    void badInputIsRefusedAndNothingIsStored(String folder, String chat, String prompt, String type, String value,
            String contextMode, String message) {
        assertThatThrownBy(() -> service.schedule(folder, chat, prompt, type, value, contextMode))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
        assertThat(service.list(Optional.empty())).isEmpty();
        assertThat(rig.published).isEmpty();
    }

    @Test
    void runNowMakesAnActiveTaskDueAtOnceAndRefusesPausedOrFinishedOnes() {
        Task t = service.schedule("main", "web:main", "p", "cron", "0 9 * * *", "group");
        assertThat(service.runNow(t.id()).times().nextRun()).isEqualTo(T0);
        assertThat(rig.taskEvents()).containsExactly("created", "due-now");
        assertThat(rig.scheduler.tick()).singleElement().satisfies(d -> assertThat(d.taskId()).isEqualTo(t.id()));
        assertThat(service.get(t.id()).times().nextRun()).as("then its next slot")
                .isEqualTo(Instant.parse("2026-06-02T07:00:00Z"));

        service.pause(t.id());
        assertThatThrownBy(() -> service.runNow(t.id())).isInstanceOf(TaskService.Refused.class)
                .hasMessageContaining("is paused; resume it first");
        service.cancel(t.id());
        assertThatThrownBy(() -> service.runNow(t.id())).isInstanceOf(TaskService.Refused.class)
                .hasMessageContaining("is cancelled and cannot be run");
        assertThatThrownBy(() -> service.runNow("t-000000")).isInstanceOf(TaskService.NotFound.class);
    }

    @Test
    void unknownIdsAreNotFound() {
        for (var call : List.<Runnable>of(() -> service.get("t-000000"), () -> service.pause("t-000000"),
                () -> service.resume("t-000000"), () -> service.cancel("t-000000"),
                () -> service.update("t-000000", "x", null, null, null), () -> service.runs("t-000000", 5))) {
            assertThatThrownBy(call::run).isInstanceOf(TaskService.NotFound.class).hasMessage("no task with id 't-000000'");
        }
        assertThatThrownBy(() -> service.recordRunEnd("r-x", true, 1, "ok", Usage.ZERO))
                .isInstanceOf(TaskService.NotFound.class).hasMessageContaining("no task run with id 'r-x'");
    }

    @Test
    void listsAllOrOneGroup() {
        Task a = service.schedule("main", "web:main", "a", "interval", "60000", "group");
        Task b = service.schedule("family", "web:family", "b", "interval", "60000", "isolated");
        assertThat(service.list(Optional.empty())).extracting(Task::id).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(service.list(Optional.of("family"))).containsExactly(b);
        assertThat(service.list(Optional.of("nobody"))).isEmpty();
    }

    @Test
    void pausedTasksDoNotRunAndResumeFromTheNextSlotWithoutCatchingUp() {
        Task t = service.schedule("main", "web:main", "p", "interval", "60000", "group");
        assertThat(service.pause(t.id()).status()).isEqualTo(Task.PAUSED);
        assertThat(service.pause(t.id()).status()).as("pausing twice is harmless").isEqualTo(Task.PAUSED);
        clock.advance(Duration.ofMinutes(30).plusSeconds(10));
        assertThat(rig.scheduler.tick()).isEmpty();
        Task resumed = service.resume(t.id());
        assertThat(resumed.status()).isEqualTo(Task.ACTIVE);
        assertThat(resumed.times().nextRun()).isEqualTo(T0.plus(Duration.ofMinutes(31)));
        assertThat(rig.scheduler.tick()).isEmpty();
        assertThat(service.resume(t.id())).as("resuming an active task changes nothing").isEqualTo(resumed);
    }

    @Test
    void aOnceTaskWhoseTimePassedWhilePausedRunsWhenResumed() {
        Task t = service.schedule("main", "web:main", "p", "once", "2026-06-01T12:10", "group");
        service.pause(t.id());
        clock.advance(Duration.ofHours(1));
        assertThat(service.resume(t.id()).times().nextRun()).isEqualTo(clock.now());
        assertThat(rig.scheduler.tick()).hasSize(1);
    }

    @Test
    void cancelledAndDoneTasksAreFinal() {
        Task t = service.schedule("main", "web:main", "p", "interval", "60000", "group");
        Task cancelled = service.cancel(t.id());
        assertThat(cancelled.status()).isEqualTo(Task.CANCELLED);
        assertThat(cancelled.times().nextRun()).isNull();
        assertThat(service.cancel(t.id()).status()).isEqualTo(Task.CANCELLED);
        assertThatThrownBy(() -> service.resume(t.id())).isInstanceOf(TaskService.Refused.class)
                .hasMessage("task " + t.id() + " is cancelled and cannot be resumed; schedule a new task instead");
        assertThatThrownBy(() -> service.update(t.id(), "x", null, null, null)).isInstanceOf(TaskService.Refused.class);
        clock.advance(Duration.ofHours(1));
        assertThat(rig.scheduler.tick()).isEmpty();

        Task once = service.schedule("main", "web:main", "p", "once", "2026-06-01T13:10", "group");
        clock.advance(Duration.ofHours(1));
        assertThat(rig.scheduler.tick()).hasSize(1);
        assertThatThrownBy(() -> service.cancel(once.id())).isInstanceOf(TaskService.Refused.class).hasMessageContaining("done");
        assertThatThrownBy(() -> service.pause(once.id())).isInstanceOf(TaskService.Refused.class).hasMessageContaining("is done");
    }

    @Test
    void updateChangesWhatIsGivenAndReschedulesFromNow() {
        Task t = service.schedule("main", "web:main", "p", "interval", "60000", "group");
        Task prompt = service.update(t.id(), "new prompt", null, null, "isolated");
        assertThat(prompt.spec()).isEqualTo(new Task.Spec("new prompt", "interval", "60000", "isolated"));
        assertThat(prompt.times().nextRun()).isEqualTo(t.times().nextRun());

        clock.advance(Duration.ofSeconds(10));
        Task faster = service.update(t.id(), null, null, "5000", null);
        assertThat(faster.spec()).isEqualTo(new Task.Spec("new prompt", "interval", "5000", "isolated"));
        assertThat(faster.times().nextRun()).isEqualTo(clock.now().plusSeconds(5));

        Task cron = service.update(t.id(), null, "cron", "30 12 * * *", null);
        assertThat(cron.times().nextRun()).isEqualTo(Instant.parse("2026-06-01T10:30:00Z"));
        assertThat(cron.spec().prompt()).isEqualTo("new prompt");

        assertThatThrownBy(() -> service.update(t.id(), null, "once", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schedule_value is required when schedule_type changes");
        assertThatThrownBy(() -> service.update(t.id(), null, null, "99 * * * *", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minute field");
        assertThatThrownBy(() -> service.update(t.id(), null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing to change");
        assertThatThrownBy(() -> service.update(t.id(), null, null, null, "both"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("context_mode");
        assertThat(service.get(t.id())).isEqualTo(cron);

        service.pause(t.id());
        assertThat(service.update(t.id(), null, "interval", "1000", null).status()).as("stays paused").isEqualTo(Task.PAUSED);
    }

    @Test
    void runEndsAreRecordedOnceAndPublished() {
        Task t = service.schedule("main", "web:main", "p", "interval", "60000", "group");
        clock.advance(Duration.ofMinutes(1));
        DueTask d = rig.scheduler.tick().get(0);
        assertThat(service.recordRunEnd(d.runId(), true, 4200, "It is sunny.", new Usage(100, 20, 5, 1))).isTrue();
        assertThat(service.recordRunEnd(d.runId(), false, 1, "late", null)).isFalse();
        assertThat(service.runs(t.id(), 5)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(TaskRun.OK);
            assertThat(r.outcome().durationMs()).isEqualTo(4200);
            assertThat(r.outcome().result()).isEqualTo("It is sunny.");
            assertThat(r.outcome().usage()).isEqualTo(new Usage(100, 20, 5, 1));
        });
        assertThat(rig.taskEvents()).containsExactly("created", "due", "finished");
        @SuppressWarnings("unchecked")
        Map<String, Object> finished = (Map<String, Object>) rig.published.get(2).data();
        assertThat(finished).containsEntry("runId", d.runId()).containsEntry("status", "ok").containsEntry("folder", "main");

        clock.advance(Duration.ofMinutes(1));
        DueTask d2 = rig.scheduler.tick().get(0);
        service.recordRunEnd(d2.runId(), false, 10, "x".repeat(TaskService.MAX_RESULT_CHARS + 10), null);
        assertThat(service.runs(t.id(), 1).get(0).outcome().error()).hasSize(TaskService.MAX_RESULT_CHARS + " [cut]".length());
    }

    @Test
    void overviewShowsTasksWithTheirLatestRuns() {
        Task t = service.schedule("main", "web:main", "p", "interval", "60000", "group");
        Task idle = service.schedule("family", "web:family", "q", "cron", "0 9 * * *", "isolated");
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(1));
            DueTask d = rig.scheduler.tick().get(0);
            service.recordRunEnd(d.runId(), i % 2 == 0, 1000 + i, "run " + i, new Usage(i, 0, 0, 0));
        }
        List<Map<String, Object>> overview = service.overview(3);
        assertThat(overview).hasSize(2);
        Map<String, Object> first = overview.stream().filter(m -> m.get("id").equals(t.id())).findFirst().orElseThrow();
        assertThat(first).containsEntry("groupFolder", "main").containsEntry("scheduleType", "interval")
                .containsEntry("status", "active").containsEntry("nextRun", T0.plus(Duration.ofMinutes(5)).toString())
                .containsEntry("lastRun", T0.plus(Duration.ofMinutes(4)).toString()).containsEntry("createdAt", T0.toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> runs = (List<Map<String, Object>>) first.get("lastRuns");
        assertThat(runs).extracting(r -> r.get("durationMs")).containsExactly(1003L, 1002L, 1001L);
        assertThat(runs.get(0)).containsEntry("status", "error").containsEntry("error", "run 3").containsEntry("result", null)
                .containsEntry("inputTokens", 3L).containsEntry("startedAt", T0.plus(Duration.ofMinutes(4)).toString());
        Map<String, Object> second = overview.stream().filter(m -> m.get("id").equals(idle.id())).findFirst().orElseThrow();
        assertThat(second).containsEntry("lastRun", null).containsEntry("lastRuns", List.of());
    }
}
