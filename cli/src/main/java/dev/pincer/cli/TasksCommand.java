package dev.pincer.cli;

import dev.pincer.host.config.Config;
import dev.pincer.host.events.EventBus;
import dev.pincer.host.store.Database;
import dev.pincer.host.tasks.SchedulerClock;
import dev.pincer.host.tasks.Task;
import dev.pincer.host.tasks.TaskRun;
import dev.pincer.host.tasks.TaskService;
import dev.pincer.host.tasks.TaskStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ./pincer tasks list|pause|resume|cancel}: works on the database directly, so it also works
 * while Pincer is stopped. Pausing and cancelling take effect at once (a run is only claimed from
 * an active task); a running Pincer picks up a resume within a minute.
 */
@Command(name = "tasks", description = "List, pause, resume or cancel scheduled tasks.")
public final class TasksCommand implements Callable<Integer> {

    private static final int PROMPT_WIDTH = 40;

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "list", description = "Show the tasks with their schedule, next run and last run.")
    int list(@Option(names = "--group", paramLabel = "FOLDER", description = "Only the tasks of this group.") String group)
            throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Config config = config();
        if (!Files.exists(config.layout().database())) {
            out.println("No tasks (no database at " + config.layout().database() + " yet).");
            return 0;
        }
        try (Database db = Database.open(config.layout().database())) {
            TaskService tasks = service(db, config);
            List<Task> all = tasks.list(Optional.ofNullable(group));
            if (all.isEmpty()) {
                out.println(group == null ? "No tasks." : "No tasks for group " + group + ".");
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("ID", "GROUP", "STATUS", "SCHEDULE", "NEXT RUN", "LAST RUN", "PROMPT"));
            for (Task t : all) {
                Optional<TaskRun> last = tasks.runs(t.id(), 1).stream().findFirst();
                rows.add(List.of(t.id(), t.groupFolder(), t.status(), t.scheduleType() + " " + t.scheduleValue(),
                        Table.time(t.nextRun(), config.zone()),
                        Table.time(t.lastRun(), config.zone()) + last.map(r -> " (" + r.status() + ")").orElse(""),
                        Table.shorten(t.prompt(), PROMPT_WIDTH)));
            }
            Table.print(out, rows);
            out.println("Times are in " + config.zone() + ".");
            return 0;
        }
    }

    @Command(name = "pause", description = "Stop a task from running until it is resumed.")
    int pause(@Parameters(paramLabel = "ID", description = "The task id, e.g. t-7f3a9c.") String id) throws IOException {
        return change(id, TaskService::pause, "Paused");
    }

    @Command(name = "resume", description = "Let a paused task run again, from its next slot.")
    int resume(@Parameters(paramLabel = "ID", description = "The task id, e.g. t-7f3a9c.") String id) throws IOException {
        int status = change(id, TaskService::resume, "Resumed");
        spec.commandLine().getOut().println("A running Pincer picks this up within a minute.");
        return status;
    }

    @Command(name = "cancel", description = "End a task for good.")
    int cancel(@Parameters(paramLabel = "ID", description = "The task id, e.g. t-7f3a9c.") String id) throws IOException {
        return change(id, TaskService::cancel, "Cancelled");
    }

    /** Applies a change; unknown ids and refused changes end the command with status 1 and the reason. */
    private int change(String id, ChangeFn fn, String done) throws IOException {
        Config config = config();
        if (!Files.exists(config.layout().database())) {
            throw new TaskService.NotFound("no task with id '" + id + "' (no database at " + config.layout().database() + ")");
        }
        try (Database db = Database.open(config.layout().database())) {
            Task t = fn.apply(service(db, config), id);
            PrintWriter out = spec.commandLine().getOut();
            out.println(done + " task " + t.id() + " of group " + t.groupFolder() + " (status " + t.status()
                    + (t.nextRun() == null ? "" : ", next run " + Table.time(t.nextRun(), config.zone()) + " " + config.zone()) + ").");
            out.flush();
            return 0;
        }
    }

    @FunctionalInterface
    private interface ChangeFn {
        Task apply(TaskService service, String id);
    }

    private Config config() throws IOException {
        return Config.load(main.env, Launch.defaultHome(main.env));
    }

    private static TaskService service(Database db, Config config) {
        // No scheduler lives in this process: there is nothing to wake, and no one listens to events.
        return new TaskService(new TaskStore(db), config.zone(), SchedulerClock.system(), new EventBus(), () -> {},
                config.taskLimits());
    }
}
