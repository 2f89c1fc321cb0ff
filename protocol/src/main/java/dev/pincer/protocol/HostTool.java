package dev.pincer.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * The tools the agent calls through the host (see docs/ARCHITECTURE.md). The wire name is the agent's
 * tool name and the {@code tool} of a {@link HostRequest}; the host decides what a caller may do.
 */
public enum HostTool {
    SEND_MESSAGE("send_message"),
    SEND_FILE("send_file"),
    SCHEDULE_TASK("schedule_task"),
    LIST_TASKS("list_tasks"),
    PAUSE_TASK("pause_task"),
    RESUME_TASK("resume_task"),
    CANCEL_TASK("cancel_task"),
    UPDATE_TASK("update_task"),
    REGISTER_GROUP("register_group"),
    LIST_GROUPS("list_groups"),
    MEMORY_SEARCH("memory_search"),
    /** Starts a sandboxed teammate (see {@link AgentDefinition}); the response text is its final report. */
    START_TEAMMATE("start_teammate");

    private final String wireName;

    HostTool(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<HostTool> byWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
