package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.events.EventBus;
import dev.pincer.host.store.Database;
import dev.pincer.host.tasks.SchedulerClock;
import dev.pincer.host.tasks.Task;
import dev.pincer.host.tasks.TaskLimits;
import dev.pincer.host.tasks.TaskService;
import dev.pincer.host.tasks.TaskStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./pincer tasks ...} against a real database, as a user runs it while Pincer is stopped. */
class TasksCommandTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @TempDir Path home;

    private Cli.Outcome pincer(String... args) {
        return Cli.run(Map.of("PINCER_HOME", home.toString(), "TZ", ZONE.getId()), args);
    }

    /** Seeds a task as the running host would, through the same service, then closes the database. */
    private Task seed(String folder, String prompt, String type, String value) {
        try (Database db = Database.open(home.resolve("store/pincer.db"))) {
            TaskService service = new TaskService(new TaskStore(db), ZONE, SchedulerClock.system(), new EventBus(), () -> {},
                    TaskLimits.DEFAULT);
            return service.schedule(folder, "web:" + folder, prompt, type, value, "group");
        }
    }

    private Task stored(String id) {
        try (Database db = Database.open(home.resolve("store/pincer.db"))) {
            return new TaskStore(db).get(id).orElseThrow();
        }
    }

    @Test
    void listShowsEveryTaskInATable() {
        Task daily = seed("main", "Summarise my inbox\nand list the three most urgent emails please, thank you", "cron", "0 9 * * 1-5");
        Task hourly = seed("family", "Check the weather", "interval", Long.toString(Duration.ofHours(1).toMillis()));
        Cli.Outcome o = pincer("tasks", "list");
        assertThat(o.status()).as(o.err()).isZero();
        String[] lines = o.out().split("\n");
        assertThat(lines[0]).startsWith("ID").contains("GROUP", "STATUS", "SCHEDULE", "NEXT RUN", "LAST RUN", "PROMPT");
        assertThat(o.out()).contains(daily.id(), hourly.id(), "cron 0 9 * * 1-5", "interval 3600000", "active",
                "Summarise my inbox and list the three m…", "Times are in Europe/Berlin.");
        assertThat(o.out()).contains(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .format(daily.times().nextRun().atZone(ZONE)));
        assertThat(lines[1].indexOf("active")).as("columns line up").isEqualTo(lines[0].indexOf("STATUS"));
        assertThat(lines[2].indexOf("active")).as("columns line up").isEqualTo(lines[0].indexOf("STATUS"));

        Cli.Outcome family = pincer("tasks", "list", "--group", "family");
        assertThat(family.out()).contains(hourly.id()).doesNotContain(daily.id());
    }

    @Test
    void listWithoutTasksOrDatabaseSaysSo() {
        Cli.Outcome none = pincer("tasks", "list");
        assertThat(none.status()).isZero();
        assertThat(none.out()).contains("No tasks");
        assertThat(home.resolve("store/pincer.db")).as("listing creates no database").doesNotExist();
        seed("main", "x", "interval", "60000");
        assertThat(pincer("tasks", "list", "--group", "family").out()).contains("No tasks for group family.");
    }

    @Test
    void pauseResumeAndCancelChangeTheStoredTask() {
        Task t = seed("main", "Water the plants", "interval", "60000");
        Cli.Outcome paused = pincer("tasks", "pause", t.id());
        assertThat(paused.status()).as(paused.err()).isZero();
        assertThat(paused.out()).contains("Paused task " + t.id() + " of group main (status paused");
        assertThat(stored(t.id()).status()).isEqualTo(Task.PAUSED);
        assertThat(pincer("tasks", "list").out()).contains("paused");

        Cli.Outcome resumed = pincer("tasks", "resume", t.id());
        assertThat(resumed.status()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("Resumed task " + t.id(), "status active, next run ");
        Task active = stored(t.id());
        assertThat(active.status()).isEqualTo(Task.ACTIVE);
        assertThat(active.times().nextRun()).isAfter(Instant.now().minusSeconds(1));

        Cli.Outcome cancelled = pincer("tasks", "cancel", t.id());
        assertThat(cancelled.status()).as(cancelled.err()).isZero();
        assertThat(stored(t.id())).extracting(Task::status, x -> x.times().nextRun()).containsExactly(Task.CANCELLED, null);

        Cli.Outcome refused = pincer("tasks", "resume", t.id());
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("pincer: task " + t.id() + " is cancelled and cannot be resumed");
    }

    @Test
    void unknownIdExitsNonZeroWithAMessage() {
        seed("main", "x", "interval", "60000");
        for (String action : new String[] {"pause", "resume", "cancel"}) {
            Cli.Outcome o = pincer("tasks", action, "t-000000");
            assertThat(o.status()).as(action).isEqualTo(1);
            assertThat(o.err()).contains("pincer: no task with id 't-000000'");
            assertThat(o.out()).isEmpty();
        }
    }

    @Test
    void missingArgumentsAreUsageErrors() {
        assertThat(pincer("tasks").status()).isEqualTo(2);
        Cli.Outcome o = pincer("tasks", "pause");
        assertThat(o.status()).isEqualTo(2);
        assertThat(o.err()).contains("Missing required parameter: 'ID'");
    }

    @Test
    void runWhileStoppedLeavesTheTaskDueForTheNextStart() {
        Task t = seed("family", "Check the weather", "cron", "0 9 * * *");
        java.time.Instant before = java.time.Instant.now().minusSeconds(1);
        Cli.Outcome o = pincerStopped("tasks", "run", t.id());
        assertThat(o.status()).as(o.err()).isZero();
        assertThat(o.out()).contains("Queued task " + t.id() + " of group family", "Pincer is not running, so the task runs at its next start");
        assertThat(stored(t.id()).times().nextRun()).isAfter(before).isBefore(java.time.Instant.now().plusSeconds(1));

        pincer("tasks", "pause", t.id());
        Cli.Outcome paused = pincerStopped("tasks", "run", t.id());
        assertThat(paused.status()).isEqualTo(1);
        assertThat(paused.err()).isEqualTo("pincer: task " + t.id() + " is paused; resume it first, then run it\n");
        assertThat(pincerStopped("tasks", "run", "t-000000").err()).isEqualTo("pincer: no task with id 't-000000'\n");
    }

    /** Like {@link #pincer} with a port nothing listens on, so no other Pincer on this machine answers. */
    private Cli.Outcome pincerStopped(String... args) {
        java.util.Map<String, String> env = new java.util.HashMap<>(Cli.stopped(home));
        env.put("TZ", ZONE.getId());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Cli.Outcome(status, out.toString(), err.toString());
    }
}
