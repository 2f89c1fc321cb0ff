package dev.pincer.protocol;

import java.util.Optional;

/**
 * The tools the agent calls through the host (see docs/ARCHITECTURE.md). The wire name
 * ({@link WireNamed}) is the agent's tool name and the {@code tool} of a {@link HostRequest}; the
 * host decides what a caller may do.
 */
public enum HostTool implements WireNamed {
    SEND_MESSAGE,
    SEND_FILE,
    SCHEDULE_TASK,
    LIST_TASKS,
    PAUSE_TASK,
    RESUME_TASK,
    CANCEL_TASK,
    UPDATE_TASK,
    REGISTER_GROUP,
    LIST_GROUPS,
    MEMORY_SEARCH,
    /** Starts a sandboxed teammate (see {@link AgentDefinition}); the response text is its final report. */
    START_TEAMMATE;

    public static Optional<HostTool> byWireName(String name) {
        return WireNamed.byWireName(HostTool.class, name);
    }
}
