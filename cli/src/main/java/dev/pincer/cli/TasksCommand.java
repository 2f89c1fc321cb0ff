package dev.pincer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.cli.api.PincerApi;
import dev.pincer.host.config.Config;
import dev.pincer.host.store.Database;
import dev.pincer.host.tasks.Task;
import dev.pincer.host.tasks.TaskRun;
import dev.pincer.host.tasks.TaskService;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./pincer tasks list|pause|resume|cancel|run}: works on the database directly, so it also
 * works while Pincer is stopped. Pausing and cancelling take effect at once (a run is only claimed
 * from an active task); a running Pincer picks up a resume within a minute. {@code run} goes through
 * the API when Pincer runs (the task runs at once), else leaves the task due for the next start.
 */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = "List, pause, resume, cancel or run scheduled tasks.",
        footer = {"", "Examples:", "  ./pincer tasks list --group family", "  ./pincer tasks pause t-7f3a9c",
                "  ./pincer tasks run t-7f3a9c"})
public final class TasksCommand extends CommandGroup {

    private static final int PROMPT_WIDTH = 40;

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Show the tasks with their schedule, next run and last run.",
            footer = {"", "Example:", "  ./pincer tasks list --group family"})
    int list(@Option(names = "--group", paramLabel = "FOLDER", description = "Only the tasks of this group.") String group)
            throws IOException {
        PrintWriter out = out();
        Config config = config();
        if (noStoreYet(config, "No tasks")) {
            return 0;
        }
        try (Database db = Database.open(config.layout().database())) {
            TaskService tasks = TaskService.withoutScheduler(db, config.assistant().zone(), config.assistant().tasks());
            List<Task> all = tasks.list(Optional.ofNullable(group));
            if (all.isEmpty()) {
                out.println(group == null ? "No tasks." : "No tasks for group " + group + ".");
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("ID", "GROUP", "STATUS", "SCHEDULE", "NEXT RUN", "LAST RUN", "PROMPT"));
            for (Task t : all) {
                Optional<TaskRun> last = tasks.runs(t.id(), 1).stream().findFirst();
                rows.add(List.of(t.id(), t.groupFolder(), t.status(), t.spec().scheduleType() + " " + t.spec().scheduleValue(),
                        Table.time(t.times().nextRun(), config.assistant().zone()),
                        Table.time(t.times().lastRun(), config.assistant().zone()) + last.map(r -> " (" + r.status() + ")").orElse(""),
                        Table.shorten(t.spec().prompt(), PROMPT_WIDTH)));
            }
            Table.print(out, rows);
            out.println("Times are in " + config.assistant().zone() + ".");
            return 0;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Stop a task from running until it is resumed.",
            footer = {"", "Example:", "  ./pincer tasks pause t-7f3a9c"})
    int pause(@Parameters(paramLabel = "ID", description = "The task id, e.g. t-7f3a9c.") String id) throws IOException {
        return change(id, TaskService::pause, "Paused");
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Let a paused task run again, from its next slot.",
            footer = {"", "Example:", "  ./pincer tasks resume t-7f3a9c"})
    int resume(@Parameters(paramLabel = "ID", description = "The task id, e.g. t-7f3a9c.") String id) throws IOException {
        int status = change(id, TaskService::resume, "Resumed");
        out().println("A running Pincer picks this up within a minute.");
        return status;
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "End a task for good.",
            footer = {"", "Example:", "  ./pincer tasks cancel t-7f3a9c"})
    int cancel(@Parameters(paramLabel = "ID", description = "The task id, e.g. t-7f3a9c.") String id) throws IOException {
        return change(id, TaskService::cancel, "Cancelled");
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run a task now (when Pincer is not running: at its next start).",
            footer = {"", "Example:", "  ./pincer tasks run t-7f3a9c"})
    int run(@Parameters(paramLabel = "ID", description = "The task id, e.g. t-7f3a9c.") String id) throws IOException {
        PrintWriter out = out();
        switch (probe()) {
            case PincerApi.Probe.Running r -> {
                JsonNode t = r.api().post("/api/tasks/" + id + "/run", null);
                out.println("Task " + id + " of group " + t.path("groupFolder").asText() + " runs now; its answer goes to "
                        + t.path("chatJid").asText() + " (./pincer logs --follow shows the run).");
                return 0;
            }
            case PincerApi.Probe.Foreign f -> throw new Fail(f.why());
            case PincerApi.Probe.Stopped s -> {
                change(id, TaskService::runNow, "Queued");
                out.println("Pincer is not running, so the task runs at its next start (./pincer start).");
                return 0;
            }
        }
    }

    /** Applies a change; unknown ids and refused changes end the command with status 1 and the reason. */
    private int change(String id, ChangeFn fn, String done) throws IOException {
        Config config = config();
        if (!Files.exists(config.layout().database())) {
            throw new TaskService.NotFound("no task with id '" + id + "' (no database at " + config.layout().database() + ")");
        }
        try (Database db = Database.open(config.layout().database())) {
            ZoneId zone = config.assistant().zone();
            Task t = fn.apply(TaskService.withoutScheduler(db, zone, config.assistant().tasks()), id);
            PrintWriter out = out();
            out.println(done + " task " + t.id() + " of group " + t.groupFolder() + " (status " + t.status()
                    + (t.times().nextRun() == null ? "" : ", next run " + Table.time(t.times().nextRun(), zone) + " " + zone) + ").");
            out.flush();
            return 0;
        }
    }

    @FunctionalInterface
    private interface ChangeFn {
        Task apply(TaskService service, String id);
    }
}
