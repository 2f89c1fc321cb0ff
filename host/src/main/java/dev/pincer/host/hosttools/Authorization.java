package dev.pincer.host.hosttools;

import dev.pincer.protocol.HostTool;

/**
 * Who may do what through the host tools: docs/DESIGN.md section 7's table as one pure function. The
 * caller is known only from the folder its request appeared in; the target is resolved by the host
 * from the store, never taken from the request's word.
 *
 * <pre>
 * tool                                   main                      other groups
 * send_message, send_file                any registered chat       own chat only
 * schedule_task                          any group                 own group only
 * list_tasks                             all                       own
 * pause/resume/cancel/update_task        any                       own
 * register_group                         yes                       refused
 * list_groups                            all chats seen            refused
 * memory_search                          any group or all groups   own group only
 * start_teammate                         its own teammates         its own teammates
 * </pre>
 *
 * {@code start_teammate} is carried out by {@code dev.pincer.host.team}, whose {@code TeamAuthorization}
 * decides the rest (which types, how deep, how many, and what a teammate may call).
 */
public final class Authorization {
    private Authorization() {}

    /** The calling group. */
    public enum Caller { MAIN, OTHER }

    /** What the call acts on, seen from the caller. */
    public enum Target {
        /** the caller's own chat, group or task */
        OWN,
        /** a chat, group or task of another registered group */
        OTHER_GROUP,
        /** a chat, group or task that does not exist */
        NONEXISTENT
    }

    /** The decision. */
    public sealed interface Verdict {
        /** Go ahead. */
        record Allow() implements Verdict {}

        /** Not allowed for this caller; {@code reason} is shown to the agent. */
        record Refuse(String reason) implements Verdict {}

        /** Allowed, but there is nothing to act on. */
        record Missing() implements Verdict {}
    }

    private static final Verdict ALLOW = new Verdict.Allow();

    public static Verdict decide(Caller caller, HostTool tool, Target target) {
        return switch (tool) {
            case SEND_MESSAGE, SEND_FILE -> ownOrMain(caller, target, "this group can send messages only to its own chat");
            case SCHEDULE_TASK -> ownOrMain(caller, target, "this group can schedule tasks only for itself");
            case PAUSE_TASK, RESUME_TASK, CANCEL_TASK, UPDATE_TASK ->
                    ownOrMain(caller, target, "that is not one of this group's tasks");
            case LIST_TASKS -> ALLOW; // what is listed: see seesAllTasks
            case REGISTER_GROUP -> mainOnly(caller, "only the main group can register groups");
            case LIST_GROUPS -> mainOnly(caller, "only the main group can list groups and chats");
            case MEMORY_SEARCH -> ownOrMain(caller, target, "this group can search only its own memory");
            case START_TEAMMATE -> ownOrMain(caller, target, "a group starts teammates only for itself");
        };
    }

    /** {@code list_tasks}: main sees every group's tasks, the others their own. */
    public static boolean seesAllTasks(Caller caller) {
        return caller == Caller.MAIN;
    }

    private static Verdict ownOrMain(Caller caller, Target target, String refusal) {
        return switch (target) {
            case OWN -> ALLOW;
            case OTHER_GROUP -> caller == Caller.MAIN ? ALLOW : new Verdict.Refuse(refusal);
            // For other groups a target that does not exist is refused like another group's, so
            // the answer does not tell which ids exist elsewhere.
            case NONEXISTENT -> caller == Caller.MAIN ? new Verdict.Missing() : new Verdict.Refuse(refusal);
        };
    }

    private static Verdict mainOnly(Caller caller, String refusal) {
        return caller == Caller.MAIN ? ALLOW : new Verdict.Refuse(refusal);
    }
}
