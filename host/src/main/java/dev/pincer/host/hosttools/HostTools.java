package dev.pincer.host.hosttools;

import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.ipc.RequestHandler;
import dev.pincer.host.store.AuditLog;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.tasks.TaskControl;
import dev.pincer.host.tasks.TaskLimits;
import dev.pincer.protocol.HostRequest;
import dev.pincer.protocol.HostResponse;
import dev.pincer.protocol.HostTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host tools of docs/DESIGN.md section 7: finds the calling group from its folder, lets the tool
 * resolve its target and ask {@link Authorization}, and writes an audit row for every call,
 * allowed or not. Refusals and failures become {@link HostResponse.Error}s the agent reads.
 */
public final class HostTools implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(HostTools.class);
    static final String AUDIT_KIND = "host-tool";

    private final GroupRegistry groups;
    private final AuditLog audit;
    private final SendMessage send;
    private final TaskTools tasks;
    private final GroupTools groupTools;
    private final MemoryTools memory;

    /**
     * @param send       {@code send_message} and {@code send_file}
     * @param tasks      scheduled tasks, as far as the task tools need them
     * @param memory     {@code memory_search}
     */
    public HostTools(GroupRegistry groups, AuditLog audit, SendMessage send, TaskControl tasks, GroupTools groupTools,
                     MemoryTools memory) {
        this.groups = groups;
        this.audit = audit;
        this.send = send;
        this.tasks = new TaskTools(tasks, groups);
        this.groupTools = groupTools;
        this.memory = memory;
    }

    @Override
    public HostResponse handle(String folder, HostTool tool, HostRequest request) {
        return answer(folder, groups.byFolder(folder).orElse(null), tool, request);
    }

    /**
     * Carries out a call for {@code caller} as the host already knows it, e.g. a sandbox teammate of
     * a group, which calls as a non-main group whatever its group is; audited under the group's folder.
     */
    public HostResponse answer(Group caller, HostTool tool, HostRequest request) {
        return answer(caller.folder(), caller, tool, request);
    }

    private HostResponse answer(String folder, Group caller, HostTool tool, HostRequest request) {
        Args args = new Args(request.args());
        Outcome outcome;
        try {
            outcome = caller == null
                    ? new Outcome.Refused("group '" + folder + "' is not registered any more")
                    : call(caller, tool, args);
        } catch (TaskLimits.Exceeded e) {
            outcome = new Outcome.Refused(e.getMessage());
        } catch (IllegalArgumentException | UnsupportedOperationException | GroupStore.Conflict e) {
            outcome = new Outcome.Invalid(e.getMessage());
        } catch (RuntimeException e) {
            log.error("host tool {} of group {} failed", tool.wireName(), folder, e);
            audit.record(folder, AUDIT_KIND, "failed", tool.wireName() + ": " + e);
            return new HostResponse.Error(request.id(), tool.wireName() + " failed on the host: " + e.getMessage());
        }
        return switch (outcome) {
            case Outcome.Done d -> {
                audit.record(folder, AUDIT_KIND, "allowed", tool.wireName() + ": " + d.detail());
                yield new HostResponse.Ok(request.id(), d.data());
            }
            case Outcome.Refused r -> {
                log.warn("group {} was refused {}: {}", folder, tool.wireName(), r.detail());
                audit.record(folder, AUDIT_KIND, "refused", tool.wireName() + ": " + r.detail());
                yield new HostResponse.Error(request.id(), "refused: " + r.reason());
            }
            case Outcome.Invalid i -> {
                audit.record(folder, AUDIT_KIND, "invalid", tool.wireName() + ": " + i.reason());
                yield new HostResponse.Error(request.id(), i.reason());
            }
        };
    }

    private Outcome call(Group caller, HostTool tool, Args args) {
        return switch (tool) {
            case SEND_MESSAGE -> send.call(caller, args);
            case SEND_FILE -> send.file(caller, args);
            case SCHEDULE_TASK -> tasks.schedule(caller, args);
            case LIST_TASKS -> tasks.list(caller);
            case PAUSE_TASK, RESUME_TASK, CANCEL_TASK, UPDATE_TASK -> tasks.change(caller, tool, args);
            case REGISTER_GROUP -> groupTools.register(caller, args);
            case LIST_GROUPS -> groupTools.list(caller);
            case MEMORY_SEARCH -> memory.search(caller, args);
            case START_TEAMMATE -> new Outcome.Invalid("start_teammate is not served here (dev.pincer.host.team serves it)");
        };
    }

    static Authorization.Caller callerOf(Group g) {
        return g.isMain() ? Authorization.Caller.MAIN : Authorization.Caller.OTHER;
    }
}
