package dev.pincer.agent.team;

import dev.pincer.agent.hostcalls.HostClient;
import dev.pincer.agent.tools.Tool;
import dev.pincer.agent.tools.ToolRegistry;
import dev.pincer.protocol.AgentDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sub-agents of one agent process: the limits they share (one pool of {@link TeamLimits#parallel()}
 * slots, one deadline per run), where their transcripts go, and how their tools are made. One
 * {@link TaskTool} per agent loop reaches it, each knowing its depth.
 */
public final class Team {

    /**
     * Makes a sub-agent's base tools (before its allow list and fences): the standard tools working
     * in {@code workDir} with their state (TodoWrite's list) in {@code stateDir}, the host tools and
     * the MCP tools.
     */
    public interface ToolKit {
        ToolRegistry tools(Path workDir, Path stateDir);
    }

    /**
     * @param loops runs shared sub-agents in this process
     * @param kit   makes their tools
     * @param host  starts sandboxed teammates, or null: no host here
     */
    public record Engines(SubAgentLoop loops, ToolKit kit, HostClient host) {}

    /**
     * @param workDir     the folder shared sub-agents work in (the group folder; a teammate's scratch folder)
     * @param transcripts where sub-agents' transcripts and {@code tasks.jsonl} go, beside the parent's
     */
    public record Places(Path workDir, Path transcripts) {
        public Path agentsDir() {
            return workDir.resolve("agents");
        }
    }

    private final TeamLimits limits;
    private final Places places;
    private final Engines engines;
    private final String assistantName;
    private final Semaphore slots;
    private final AtomicInteger taskIds = new AtomicInteger();
    private volatile long deadline;

    public Team(TeamLimits limits, Places places, Engines engines, String assistantName) {
        this.limits = limits;
        this.places = places;
        this.engines = engines;
        this.assistantName = assistantName;
        this.slots = new Semaphore(limits.parallel());
        startRun();
    }

    /** A run (an answer) begins: its sub-agents must end a little before its time limit. */
    public void startRun() {
        deadline = System.nanoTime() + limits.runTimeout().minus(limits.margin()).toNanos();
    }

    /** The Task tool of an agent loop at {@code depth} (the main agent: 0), whose usage {@code meter} collects. */
    public Tool taskTool(int depth, UsageMeter meter) {
        return new TaskTool(this, depth, meter);
    }

    /**
     * The tools of a sub-agent of {@code def} at {@code depth}: its allowed base tools, the file tools
     * behind {@code fence} (when given), send_message and send_file under its name, and Task when it
     * delegates.
     */
    public ToolRegistry toolsFor(AgentDefinition def, int depth, UsageMeter meter, ToolRegistry base, MemoryFence fence) {
        List<Tool> tools = new ArrayList<>();
        for (String name : base.names()) {
            if (!def.allows(name)) {
                continue;
            }
            Tool t = base.find(name).orElseThrow();
            if (fence != null && FencedTool.FILE_TOOLS.contains(name)) {
                t = new FencedTool(t, fence);
            }
            if (SpeakerTool.SPEAKING.contains(name)) {
                t = new SpeakerTool(t, def.name());
            }
            tools.add(t);
        }
        if (def.delegates()) {
            tools.add(taskTool(depth, meter));
        }
        return new ToolRegistry(tools);
    }

    TeamLimits limits() {
        return limits;
    }

    Places places() {
        return places;
    }

    Engines engines() {
        return engines;
    }

    String assistantName() {
        return assistantName;
    }

    Definitions definitions() {
        return new Definitions(places.agentsDir());
    }

    /** Takes a slot of the parallel limit without waiting. */
    boolean tryEnter() {
        return slots.tryAcquire();
    }

    void leave() {
        slots.release();
    }

    String nextTaskId() {
        return "task-" + taskIds.incrementAndGet();
    }

    /** Time left until sub-agents must have ended (zero or negative: none left). */
    Duration timeLeft() {
        return Duration.ofNanos(deadline - System.nanoTime());
    }
}
