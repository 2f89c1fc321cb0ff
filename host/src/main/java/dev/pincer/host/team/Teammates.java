package dev.pincer.host.team;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.host.hosttools.Authorization.Verdict;
import dev.pincer.host.hosttools.HostTools;
import dev.pincer.host.ipc.RequestHandler;
import dev.pincer.host.media.SandboxFiles;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.RunLedger;
import dev.pincer.protocol.AgentDefinition;
import dev.pincer.protocol.HostRequest;
import dev.pincer.protocol.HostResponse;
import dev.pincer.protocol.HostTool;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host side of {@code start_teammate {type, prompt, description?}}: the group's sandbox (and a
 * delegating teammate's) asks, {@link TeamAuthorization} decides, the type's definition is found
 * ({@link Definitions}), a {@link TeammateSandbox} runs it, and its report is the answer; a refusal
 * or failure is an error answer the agent reads. Every call is audited. As the group sandbox's
 * request handler it serves {@code start_teammate} itself, on a thread of its own (it takes as long
 * as the teammate), and hands every other call to the {@link HostTools}.
 */
public final class Teammates implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(Teammates.class);
    static final String AUDIT_KIND = "host-tool";
    static final int MAX_PROMPT = 100_000;
    /** The most of the run's time kept back for the agent to answer after its teammates were stopped. */
    static final Duration MAX_MARGIN = Duration.ofSeconds(30);

    /** What the team reads: the calling group, and its run (the teammates' deadline and usage). */
    public record Stores(GroupStore groups, RunLedger ledger) {}

    private final HostTools hostTools;
    private final TeamLaunch launch;
    private final Stores stores;
    private final Definitions definitions;
    private final TeammateSandbox sandboxes;
    private final Map<String, TeamRun> runs = new ConcurrentHashMap<>();

    public Teammates(HostTools hostTools, TeamLaunch launch, Stores stores, SandboxFiles files) {
        this.hostTools = hostTools;
        this.launch = launch;
        this.stores = stores;
        this.definitions = new Definitions(launch.settings().layout(), files);
        this.sandboxes = new TeammateSandbox(launch, new MemoryFolders(launch.settings().layout()));
    }

    @Override
    public HostResponse handle(String folder, HostTool tool, HostRequest request) {
        if (tool != HostTool.START_TEAMMATE) {
            return hostTools.handle(folder, tool, request);
        }
        Group group = stores.groups().byFolder(folder).orElse(null);
        if (group == null) {
            return refused(folder, request, "group '" + folder + "' is not registered any more");
        }
        return start(group, null, request);
    }

    @Override
    public boolean detached(HostTool tool) {
        return tool == HostTool.START_TEAMMATE;
    }

    /** Starts a teammate for the group's agent ({@code parent} null) or for teammate {@code parent}, and waits for its report. */
    HostResponse start(Group group, Teammate parent, HostRequest request) {
        String folder = group.folder();
        String type;
        String prompt;
        String description;
        AgentDefinition definition;
        try {
            type = text(request.args(), "type", 64, true).strip();
            prompt = text(request.args(), "prompt", MAX_PROMPT, true);
            description = text(request.args(), "description", 1000, false);
            definition = definitions.find(folder, type).orElse(null);
        } catch (IllegalArgumentException e) {
            return invalid(folder, request, e.getMessage());
        } catch (IOException e) {
            return failed(folder, request, "the definition could not be read: " + e.getMessage());
        }
        TeamAuthorization.Caller caller = parent == null ? TeamAuthorization.Caller.GROUP_AGENT : parent.asCaller();
        TeamRun run = parent != null ? parent.run() : runOf(group);
        if (run == null) {
            return invalid(folder, request, "this group has no run in progress to start a teammate for");
        }
        switch (TeamAuthorization.start(caller, definition, run.running())) {
            case Verdict.Refuse r -> {
                return refused(folder, request, r.reason());
            }
            case Verdict.Missing m -> {
                return invalid(folder, request, "there is no teammate type '" + type + "': define agents/" + type
                        + ".md in the group folder, or use one of " + Definitions.globalTypes());
            }
            case Verdict.Allow a -> { }
        }
        if (run.left().isNegative() || run.left().isZero()) {
            return invalid(folder, request, "this run has no time left for a teammate; answer with what you have");
        }
        if (!run.enter(TeamAuthorization.MAX_PARALLEL)) {
            return refused(folder, request, TeamAuthorization.MAX_PARALLEL + " teammates of this run are already at work;"
                    + " wait for one to report");
        }
        Teammate t = new Teammate(group, type, definition, caller.depth() + 1, run, run.nextId(type));
        try {
            launch.audit().record(folder, AUDIT_KIND, "allowed", "start_teammate: " + t.id() + " (depth " + t.depth()
                    + ") for run " + run.runId() + (parent == null ? "" : " by teammate " + parent.id())
                    + (description == null ? "" : ": " + description));
            TeammateSandbox.Ending end = sandboxes.run(t, prompt, new TeammateTools(this, hostTools, t));
            return Reports.answer(request.id(), t, end);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HostResponse.Error(request.id(), "teammate " + t.name() + " was stopped: the run that started it ended");
        } catch (IOException | RuntimeException e) {
            log.warn("teammate {} of group {} could not run", t.id(), folder, e);
            return failed(folder, request, "teammate " + t.name() + " could not run: " + e.getMessage());
        } finally {
            run.leave();
        }
    }

    /** The teammates of the group's current run (its latest). */
    private TeamRun runOf(Group group) {
        RunLedger.Run current = stores.ledger().latest(group.folder()).orElse(null);
        if (current == null) {
            return null;
        }
        runs.values().removeIf(r -> r.running() == 0 && r.left().isNegative());
        // Teammates end a little before the run must answer, so the agent that waits for them still can.
        Duration timeout = launch.settings().timeout();
        Duration margin = timeout.dividedBy(10).compareTo(MAX_MARGIN) > 0 ? MAX_MARGIN : timeout.dividedBy(10);
        Path teamDir = launch.settings().layout().dataDir().resolve("team").resolve(group.folder());
        if (!runs.containsKey(current.id())) { // a new run: earlier runs' scratch goes (their time is long past)
            ScratchFolders.pruneBut(teamDir, Set.copyOf(runs.keySet()), Instant.now().minus(timeout.multipliedBy(2)));
        }
        return runs.computeIfAbsent(current.id(), id -> new TeamRun(group.folder(), id,
                current.startedAt().plus(timeout).minus(margin), teamDir.resolve(id)));
    }

    private static String text(JsonNode args, String name, int max, boolean required) {
        JsonNode v = args == null ? null : args.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException("`" + name + "` is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("`" + name + "` must be a string");
        }
        if (v.asText().length() > max) {
            throw new IllegalArgumentException("`" + name + "` is longer than " + max + " characters");
        }
        if (required && v.asText().isBlank()) {
            throw new IllegalArgumentException("`" + name + "` is required");
        }
        return v.asText();
    }

    HostResponse refused(String folder, HostRequest request, String reason) {
        log.warn("group {} was refused start_teammate: {}", folder, reason);
        launch.audit().record(folder, AUDIT_KIND, "refused", request.tool() + ": " + reason);
        return new HostResponse.Error(request.id(), "refused: " + reason);
    }

    private HostResponse invalid(String folder, HostRequest request, String reason) {
        launch.audit().record(folder, AUDIT_KIND, "invalid", "start_teammate: " + reason);
        return new HostResponse.Error(request.id(), reason);
    }

    private HostResponse failed(String folder, HostRequest request, String reason) {
        launch.audit().record(folder, AUDIT_KIND, "failed", "start_teammate: " + reason);
        return new HostResponse.Error(request.id(), reason);
    }
}
