package dev.pincer.host.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduling limits against a real SQLite store: how often a task may run, and how many a group may have. */
class TaskLimitsTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    @TempDir Path dir;
    Rig rig;

    private TaskService service(TaskLimits limits) {
        rig = new Rig(dir.resolve("store/pincer.db"), BERLIN, new ManualClock(T0), d -> {}, limits);
        return rig.service;
    }

    @AfterEach
    void close() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void theDefaultsAreSixtySecondsAndFiftyTasks() {
        assertThat(TaskLimits.DEFAULT.minInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(TaskLimits.DEFAULT.maxPerGroup()).isEqualTo(50);
    }

    @Test
    void anIntervalShorterThanTheMinimumIsRefusedAndNothingIsStored() {
        TaskService s = service(TaskLimits.DEFAULT);
        assertThatThrownBy(() -> s.schedule("family", "web:family", "spin", "interval", "59999", "group"))
                .isInstanceOf(TaskLimits.Exceeded.class)
                .hasMessageContaining("59999 ms apart").hasMessageContaining("60 s").hasMessageContaining("PINCER_MIN_TASK_INTERVAL");
        assertThatThrownBy(() -> s.schedule("family", "web:family", "spin", "interval", "1", "group"))
                .isInstanceOf(TaskLimits.Exceeded.class);
        assertThat(s.list(Optional.empty())).isEmpty();
        assertThat(s.schedule("family", "web:family", "ok", "interval", "60000", "group").status()).isEqualTo(Task.ACTIVE);
    }

    @Test
    void everyMinuteCronIsAllowedAtTheDefaultButNotUnderAFiveMinuteMinimum() {
        assertThat(service(TaskLimits.DEFAULT).schedule("family", "web:family", "p", "cron", "* * * * *", "group").id())
                .isNotBlank();
        rig.close();
        TaskService s = service(new TaskLimits(Duration.ofMinutes(5), 50));
        assertThatThrownBy(() -> s.schedule("family", "web:family", "p", "cron", "*/2 * * * *", "group"))
                .isInstanceOf(TaskLimits.Exceeded.class).hasMessageContaining("120 s apart").hasMessageContaining("300 s");
        assertThat(s.schedule("family", "web:family", "p", "cron", "*/5 * * * *", "group").id()).isNotBlank();
        assertThat(s.schedule("family", "web:family", "p", "cron", "@hourly", "group").id()).isNotBlank();
    }

    @Test
    void aCronWithTwoCloseRunsOnceADayIsRefusedThoughMostRunsAreFarApart() {
        TaskService s = service(new TaskLimits(Duration.ofMinutes(5), 50));
        // 09:00 and 09:01, then nothing for almost a day: the first two runs after now are far apart.
        assertThatThrownBy(() -> s.schedule("family", "web:family", "p", "cron", "0,1 9 * * *", "group"))
                .isInstanceOf(TaskLimits.Exceeded.class).hasMessageContaining("60 s apart");
        // Runs on 1 and 31 December and 1 January; the only close pair (31 Dec 23:59, 1 Jan 00:00) is seven months away.
        assertThatThrownBy(() -> s.schedule("family", "web:family", "p", "cron", "59,0 23,0 31,1 12,1 *", "group"))
                .isInstanceOf(TaskLimits.Exceeded.class);
        assertThat(s.schedule("family", "web:family", "p", "once", "2026-06-01T13:00", "group").id())
                .as("a once task has no interval").isNotBlank();
    }

    @Test
    void updateTaskIsHeldToTheSameMinimumAndChangesNothingWhenRefused() {
        TaskService s = service(TaskLimits.DEFAULT);
        Task t = s.schedule("family", "web:family", "p", "interval", "3600000", "group");
        assertThatThrownBy(() -> s.update(t.id(), null, null, "1000", null)).isInstanceOf(TaskLimits.Exceeded.class);
        assertThat(s.update(t.id(), null, "cron", "* * * * *", null).spec().scheduleValue()).as("allowed at the default")
                .isEqualTo("* * * * *");
        assertThatThrownBy(() -> s.update(t.id(), "q", "interval", "30000", null)).isInstanceOf(TaskLimits.Exceeded.class);
        assertThat(s.get(t.id())).extracting(x -> x.spec().prompt(), x -> x.spec().scheduleType()).containsExactly("p", "cron");
    }

    @Test
    void aGroupMayHoldAtMostTheQuotaOfActiveAndPausedTasks() {
        TaskService s = service(new TaskLimits(Duration.ofSeconds(60), 3));
        Task a = s.schedule("family", "web:family", "a", "interval", "60000", "group");
        Task b = s.schedule("family", "web:family", "b", "interval", "60000", "group");
        s.schedule("family", "web:family", "c", "cron", "0 9 * * *", "group");
        s.pause(b.id());
        assertThatThrownBy(() -> s.schedule("family", "web:family", "d", "interval", "60000", "group"))
                .isInstanceOf(TaskLimits.Exceeded.class).hasMessageContaining("already has 3 active or paused tasks")
                .hasMessageContaining("PINCER_MAX_TASKS_PER_GROUP");
        assertThat(s.list(Optional.of("family"))).hasSize(3);
        assertThat(s.schedule("work", "web:work", "other group", "interval", "60000", "group").groupFolder())
                .as("another group has its own quota").isEqualTo("work");
        s.cancel(a.id());
        Task d = s.schedule("family", "web:family", "d", "interval", "60000", "group");
        assertThat(d.status()).as("a cancelled task frees its place").isEqualTo(Task.ACTIVE);
        assertThatThrownBy(() -> s.schedule("family", "web:family", "e", "interval", "60000", "group"))
                .isInstanceOf(TaskLimits.Exceeded.class);
        assertThat(s.resume(b.id()).status()).as("resuming does not count twice").isEqualTo(Task.ACTIVE);
    }

    @Test
    void limitsMustMakeSense() {
        assertThatThrownBy(() -> new TaskLimits(Duration.ZERO, 5)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new TaskLimits(Duration.ofSeconds(1), 0)).hasMessageContaining("at least 1");
    }
}
