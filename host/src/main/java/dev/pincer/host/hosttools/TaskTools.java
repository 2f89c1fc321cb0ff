package dev.pincer.host.hosttools;

import static dev.pincer.host.hosttools.Authorization.Target;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.host.config.GroupFolder;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.store.Group;
import dev.pincer.host.tasks.Schedule;
import dev.pincer.host.tasks.Task;
import dev.pincer.host.tasks.TaskControl;
import dev.pincer.protocol.HostTool;
import dev.pincer.protocol.Json;
import java.util.List;
import java.util.Optional;

/**
 * {@code schedule_task}, {@code list_tasks}, {@code pause_task}, {@code resume_task},
 * {@code cancel_task} and {@code update_task}: the target group is {@code target_group} or the
 * task's own group, looked up by the host. {@link Authorization} decides; {@link TaskControl} does.
 */
final class TaskTools {

    private final TaskControl tasks;
    private final GroupRegistry groups;

    TaskTools(TaskControl tasks, GroupRegistry groups) {
        this.tasks = tasks;
        this.groups = groups;
    }

    Outcome schedule(Group caller, Args args) {
        String wanted = args.optional("target_group", 64);
        Group group;
        Target target;
        if (wanted == null || wanted.isBlank() || wanted.strip().equals(caller.folder())) {
            group = caller;
            target = Target.OWN;
        } else {
            group = GroupFolder.isValid(wanted.strip()) ? groups.byFolder(wanted.strip()).orElse(null) : null;
            target = group == null ? Target.NONEXISTENT : Target.OTHER_GROUP;
        }
        var verdict = Authorization.decide(HostTools.callerOf(caller), HostTool.SCHEDULE_TASK, target);
        if (!(verdict instanceof Authorization.Verdict.Allow)) {
            return Outcome.of(verdict, "group '" + wanted + "'", "no group uses folder '" + wanted + "'; list_groups shows them");
        }
        String prompt = args.required("prompt", Args.MAX_TEXT);
        String type = args.oneOf("schedule_type", Schedule.TYPES, null);
        String value = args.required("schedule_value", 200).strip();
        String mode = args.oneOf("context_mode", Task.CONTEXT_MODES, Task.CONTEXT_GROUP);
        Task task = tasks.schedule(group.folder(), group.jid(), prompt, type, value, mode);
        return new Outcome.Done(wrap("task", view(task)),
                "task " + task.id() + " for " + group.folder() + " (" + type + " " + value + ")");
    }

    Outcome list(Group caller) {
        var verdict = Authorization.decide(HostTools.callerOf(caller), HostTool.LIST_TASKS, Target.OWN);
        if (!(verdict instanceof Authorization.Verdict.Allow)) {
            return Outcome.of(verdict, "list_tasks", "");
        }
        boolean all = Authorization.seesAllTasks(HostTools.callerOf(caller));
        List<Task> found = tasks.list(all ? Optional.empty() : Optional.of(caller.folder()));
        ArrayNode list = Json.MAPPER.createArrayNode();
        found.forEach(t -> list.add(view(t)));
        return new Outcome.Done(wrap("tasks", list), found.size() + " tasks of " + (all ? "all groups" : caller.folder()));
    }

    /** pause, resume, cancel or update one task. */
    Outcome change(Group caller, HostTool tool, Args args) {
        String id = args.required("task_id", 200).strip();
        Task task = tasks.find(id).orElse(null);
        Target target = task == null ? Target.NONEXISTENT
                : task.groupFolder().equals(caller.folder()) ? Target.OWN : Target.OTHER_GROUP;
        var verdict = Authorization.decide(HostTools.callerOf(caller), tool, target);
        if (!(verdict instanceof Authorization.Verdict.Allow)) {
            return Outcome.of(verdict, "task '" + id + "'", "no task '" + id + "'; list_tasks shows them");
        }
        Task changed = switch (tool) {
            case PAUSE_TASK -> tasks.pause(id);
            case RESUME_TASK -> tasks.resume(id);
            case CANCEL_TASK -> tasks.cancel(id);
            case UPDATE_TASK -> tasks.update(id, args.optional("prompt", Args.MAX_TEXT),
                    args.oneOf("schedule_type", Schedule.TYPES, null, true), args.optional("schedule_value", 200),
                    args.oneOf("context_mode", Task.CONTEXT_MODES, null, true));
            default -> throw new IllegalArgumentException(tool.wireName() + " does not change a task");
        };
        ObjectNode data = tool == HostTool.CANCEL_TASK ? Json.MAPPER.createObjectNode().put("cancelled", id)
                : wrap("task", view(changed));
        return new Outcome.Done(data, tool.wireName() + " " + id + " of " + task.groupFolder());
    }

    private static ObjectNode wrap(String name, com.fasterxml.jackson.databind.JsonNode value) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.set(name, value);
        return n;
    }

    /** A task as the agent sees it (snake_case, the wire names of the tool arguments). */
    private static ObjectNode view(Task t) {
        ObjectNode n = Json.MAPPER.createObjectNode().put("id", t.id()).put("group", t.groupFolder()).put("prompt", t.spec().prompt())
                .put("schedule_type", t.spec().scheduleType()).put("schedule_value", t.spec().scheduleValue())
                .put("context_mode", t.spec().contextMode()).put("status", t.status());
        if (t.times().nextRun() != null) {
            n.put("next_run", t.times().nextRun().toString());
        }
        return n;
    }
}
