package dev.pincer.agent.team;

import dev.pincer.agent.Log;
import dev.pincer.agent.llm.ApiException;
import dev.pincer.protocol.AgentDefinition;
import dev.pincer.protocol.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A sub-agent with {@code isolation: shared}: its own loop in this process and sandbox, working in
 * the group folder behind its {@link MemoryFence}, with its memory file
 * {@code agents/<type>/MEMORY.md}; stopped at the run's deadline.
 */
final class SharedRun {
    private static final Log LOG = Log.named("team");
    private final Team team;

    SharedRun(Team team) {
        this.team = team;
    }

    TaskReport run(TaskRecords.Started s, String prompt) throws InterruptedException {
        AgentDefinition def = s.definition();
        Path workDir = team.places().workDir();
        MemoryFence fence = new MemoryFence(team.places().agentsDir(), s.type(), workDir);
        Path folder = team.places().transcripts();
        SubAgentLoop.Run run;
        try {
            if (def.allows("Bash")) {
                LOG.warn("%s: sub-agent %s has Bash; the fence around other types' memory covers only its file tools",
                        s.id(), def.name());
            }
            // TodoWrite's list: a folder of its own (task ids start again in every agent process)
            Path stateDir = Files.createTempDirectory(Files.createDirectories(folder), s.id() + "-");
            UsageMeter childMeter = new UsageMeter();
            var tools = team.toolsFor(def, s.depth(), childMeter, team.engines().kit().tools(workDir, stateDir), fence);
            String system = TeamPrompt.build(def, s.type(), team.assistantName(),
                    new TeamPrompt.Place(workDir, fence.ownFolder().resolve(TeamPrompt.MEMORY_FILE), false));
            var limits = team.limits();
            run = team.engines().loops().prepare(new SubAgentLoop.Request(system, tools, def.model(),
                    new SubAgentLoop.Budget(limits.maxTurns(), limits.maxTokens()), folder, childMeter));
        } catch (IOException e) {
            return new TaskReport("failed", "Sub-agent " + def.name() + " could not start: " + e.getMessage(), Usage.ZERO, null);
        }
        return await(s, run, prompt);
    }

    private TaskReport await(TaskRecords.Started s, SubAgentLoop.Run run, String prompt) throws InterruptedException {
        String who = "Sub-agent " + s.definition().name() + " (" + s.id() + ")";
        String transcript = run.transcript().toString();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        Future<SubAgentLoop.Outcome> future = executor.submit(() -> Log.tagged(s.id(), () -> run.run(prompt)));
        try {
            Duration left = team.timeLeft();
            SubAgentLoop.Outcome outcome = future.get(Math.max(0, left.toNanos()), TimeUnit.NANOSECONDS);
            return switch (outcome) {
                case SubAgentLoop.Outcome.Finished f -> new TaskReport(TaskReport.FINISHED,
                        f.text().isBlank() ? "(" + who + " finished without a report.)" : f.text(), run.usage(), transcript);
                case SubAgentLoop.Outcome.TurnLimit t -> new TaskReport("turn limit", who + " stopped without finishing: it used"
                        + " its " + t.turns() + " model calls (PINCER_TEAM_MAX_TURNS). Its work so far is in " + transcript
                        + "; finish the task yourself or start it again with a smaller task.", run.usage(), transcript);
                case SubAgentLoop.Outcome.TokenLimit t -> new TaskReport("token limit", who + " stopped without finishing: it"
                        + " used " + t.used() + " tokens, its budget is " + t.limit() + " (PINCER_TEAM_MAX_TOKENS). Its work so far"
                        + " is in " + transcript + "; finish the task yourself or start it again with a smaller task.",
                        run.usage(), transcript);
            };
        } catch (TimeoutException e) {
            future.cancel(true);
            return new TaskReport("time limit", who + " was stopped: this answer's time limit (PINCER_AGENT_TIMEOUT, "
                    + team.limits().runTimeout().toSeconds() + " s) is near. Answer now with what you have.", run.usage(), transcript);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof ApiException api ? "the model API failed (" + api.summary() + ")" : String.valueOf(cause);
            return new TaskReport("failed", who + " failed: " + why + ". Its work so far is in " + transcript + ".",
                    run.usage(), transcript);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } finally {
            executor.shutdownNow();
        }
    }
}
