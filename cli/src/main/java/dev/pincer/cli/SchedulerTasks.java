package dev.pincer.cli;

import dev.pincer.host.hosttools.Tasks;
import dev.pincer.host.scheduler.TaskService;
import dev.pincer.host.store.TaskStore;
import java.util.List;
import java.util.Optional;

/** The scheduler's {@link TaskService} behind the host tools' {@link Tasks} port. */
final class SchedulerTasks implements Tasks {

    private final TaskService service;

    SchedulerTasks(TaskService service) {
        this.service = service;
    }

    @Override
    public Task schedule(String folder, String chatJid, String prompt, String scheduleType, String scheduleValue,
                         String contextMode) {
        return view(service.schedule(folder, chatJid, prompt, scheduleType, scheduleValue, contextMode));
    }

    @Override
    public List<Task> list(Optional<String> folder) {
        return service.list(folder).stream().map(SchedulerTasks::view).toList();
    }

    @Override
    public Optional<Task> get(String id) {
        try {
            return Optional.of(view(service.get(id)));
        } catch (TaskService.NotFound e) {
            return Optional.empty();
        }
    }

    @Override
    public Task pause(String id) {
        return view(service.pause(id));
    }

    @Override
    public Task resume(String id) {
        return view(service.resume(id));
    }

    @Override
    public void cancel(String id) {
        service.cancel(id);
    }

    @Override
    public Task update(String id, Changes c) {
        return view(service.update(id, c.prompt(), c.scheduleType(), c.scheduleValue(), c.contextMode()));
    }

    private static Task view(TaskStore.Task t) {
        return new Task(t.id(), t.groupFolder(), t.chatJid(), t.prompt(), t.scheduleType(), t.scheduleValue(),
                t.contextMode(), t.status(), t.nextRun());
    }
}
