package dev.pincer.host.team;

import dev.pincer.host.hosttools.Authorization.Verdict;
import dev.pincer.protocol.AgentDefinition;
import dev.pincer.protocol.HostTool;

/**
 * Who may start sandbox teammates, and which host tools a teammate may call: docs/SECURITY.md's
 * isolated-teammates rules as pure functions, in the style of {@code hosttools.Authorization}. The
 * caller is known from the sandbox the request appeared in (the group's own, or a teammate's, whose
 * definition and depth the host holds); nothing in a request can raise it.
 *
 * <pre>
 * call                     group agent              teammate
 * start_teammate           yes                      only if its definition delegates (tasks: true)
 *                          depth at most {@value #MAX_DEPTH}, at most {@value #MAX_PARALLEL} at once per run
 * register_group           as hosttools decides     never
 * send_file                as hosttools decides     never (its files are not the group's)
 * other host tools         as hosttools decides     only those its definition lists (none listed: the
 *                                                   default set less memory_search), as a non-main group
 * </pre>
 */
public final class TeamAuthorization {
    private TeamAuthorization() {}

    /** How deep teammates may nest: the group's agent is depth 0, its teammates 1, theirs 2. */
    public static final int MAX_DEPTH = 2;
    /** Teammates of one run at the same time, whoever started them. */
    public static final int MAX_PARALLEL = 4;

    /**
     * Who asks.
     *
     * @param teammate the calling teammate's definition, or null for the group's own agent
     * @param depth    0 for the group's own agent, else the calling teammate's depth
     */
    public record Caller(AgentDefinition teammate, int depth) {
        public static final Caller GROUP_AGENT = new Caller(null, 0);
    }

    private static final Verdict ALLOW = new Verdict.Allow();

    /**
     * Whether {@code caller} may start a teammate of a type whose definition is {@code wanted} (null:
     * no such type) while {@code running} teammates of the run are at work.
     */
    public static Verdict start(Caller caller, AgentDefinition wanted, int running) {
        if (caller.teammate() != null && !caller.teammate().delegates()) {
            return new Verdict.Refuse("teammate '" + caller.teammate().name() + "' may not start teammates: its definition"
                    + " does not delegate (tasks: true)");
        }
        if (caller.depth() + 1 > MAX_DEPTH) {
            return new Verdict.Refuse("teammates may nest only " + MAX_DEPTH + " deep; this one is at depth " + caller.depth()
                    + ": do the work yourself");
        }
        if (wanted == null) {
            return new Verdict.Missing();
        }
        if (running >= MAX_PARALLEL) {
            return new Verdict.Refuse(MAX_PARALLEL + " teammates of this run are already at work; wait for one to report");
        }
        return ALLOW;
    }

    /** Whether teammate {@code teammate} may call {@code tool} at all ({@code start_teammate}: see {@link #start}). */
    public static Verdict hostTool(AgentDefinition teammate, HostTool tool) {
        return switch (tool) {
            case REGISTER_GROUP -> new Verdict.Refuse("a teammate can never register groups");
            case SEND_FILE -> new Verdict.Refuse("a sandbox teammate cannot send files: the host sends only the group's"
                    + " files, and those are not the teammate's; put what matters into the report");
            case START_TEAMMATE -> teammate.delegates() ? ALLOW
                    : new Verdict.Refuse("teammate '" + teammate.name() + "' may not start teammates: its definition"
                            + " does not delegate (tasks: true)");
            default -> lists(teammate, tool) ? ALLOW : new Verdict.Refuse("teammate '" + teammate.name()
                    + "' may not use " + tool.wireName() + ": its definition does not list it");
        };
    }

    /**
     * Whether the definition lets it use {@code tool} ({@link AgentDefinition#allows}); without a list,
     * the default set less {@code memory_search}, which would read the group's memory to a teammate
     * that is not given the group folder (a definition may still list it).
     */
    private static boolean lists(AgentDefinition teammate, HostTool tool) {
        if (teammate.tools().isEmpty() && tool == HostTool.MEMORY_SEARCH) {
            return false;
        }
        return teammate.allows(tool.wireName());
    }
}
