package dev.pincer.web;

import dev.pincer.host.tasks.Task;
import dev.pincer.host.tasks.TaskService;
import dev.pincer.host.tasks.TaskViews;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET /api/tasks} (every task with its last runs) and the tasks page's buttons:
 * {@code POST /api/tasks/{id}/pause}, {@code /resume}, {@code /cancel} and {@code /run} (due now).
 */
final class TasksApi {

    /** The runs listed with each task. */
    static final int RUNS_PER_TASK = 5;

    private final TaskService tasks;

    TasksApi(TaskService tasks) {
        this.tasks = tasks;
    }

    Reply list(Request r) {
        return Reply.json(200, Map.of("tasks", tasks.overview(RUNS_PER_TASK)));
    }

    Reply pause(Request r) {
        return change(r, tasks::pause);
    }

    Reply resume(Request r) {
        return change(r, tasks::resume);
    }

    Reply cancel(Request r) {
        return change(r, tasks::cancel);
    }

    /** The task is due now and the scheduler runs it at once. */
    Reply run(Request r) {
        return change(r, tasks::runNow);
    }

    private Reply change(Request r, Function<String, Task> action) {
        String id = r.param(0);
        if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
            throw HttpError.badRequest("invalid task id '" + HttpError.shown(id) + "'; GET /api/tasks lists them");
        }
        try {
            return Reply.json(200, TaskViews.task(action.apply(id), List.of()));
        } catch (TaskService.NotFound e) {
            throw HttpError.notFound(e.getMessage());
        } catch (TaskService.Refused e) {
            throw HttpError.conflict(e.getMessage());
        }
    }
}
