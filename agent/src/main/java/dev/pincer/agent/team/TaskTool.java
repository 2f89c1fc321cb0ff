package dev.pincer.agent.team;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.agent.Log;
import dev.pincer.agent.tools.Tool;
import dev.pincer.agent.tools.ToolResult;
import dev.pincer.agent.tools.ToolSpec;
import dev.pincer.protocol.AgentDefinition;
import dev.pincer.protocol.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code Task {description, prompt, subagent_type?}}: runs a sub-agent of the given type (default
 * {@link Definitions#GENERAL}) with a fresh context and returns its final report. The tool runner
 * runs the Task calls of one turn concurrently. Each limit refuses or stops with a report that says
 * which limit and what to do ({@link TeamLimits}).
 *
 * @param depth the depth of the agent loop that calls it (the main agent: 0)
 * @param meter collects the usage of its sub-agents
 */
record TaskTool(Team team, int depth, UsageMeter meter) implements Tool {
    static final String NAME = "Task";
    private static final Log LOG = Log.named("team");
    private static final JsonNode SCHEMA = schema();

    @Override
    public ToolSpec spec() {
        StringBuilder d = new StringBuilder("""
                Starts a sub-agent for a self-contained piece of work and returns its final report. The sub-agent \
                starts with a fresh context: it sees only your prompt (and its own memory), not this conversation, \
                so put everything it needs into the prompt. Several Task calls in one turn run at the same time \
                (at most\s""").append(team.limits().parallel()).append("""
                 at once). Use it for independent work that can run in parallel or would fill your context \
                (several lookups, a draft from material); do quick things yourself. A sub-agent stops after\s""")
                .append(team.limits().maxTurns()).append(" model calls or ").append(team.limits().maxTokens())
                .append(" tokens. Agent types (subagent_type):");
        for (Map.Entry<String, AgentDefinition> e : team.definitions().load().types().entrySet()) {
            AgentDefinition def = e.getValue();
            d.append("\n- ").append(e.getKey())
             .append(def.isolation() == AgentDefinition.Isolation.SANDBOX ? " (runs in a sandbox of its own)" : "")
             .append(": ").append(def.description().replace('\n', ' '));
        }
        return new ToolSpec(NAME, d.toString(), SCHEMA);
    }

    /** Longer than the run's time left: the tool stops its sub-agent itself, with a report. */
    @Override
    public Duration timeout() {
        Duration left = team.timeLeft();
        return (left.isNegative() ? Duration.ZERO : left).plus(team.limits().margin()).plusSeconds(30);
    }

    @Override
    public ToolResult execute(JsonNode input) throws Exception {
        String description = text(input, "description", true);
        String prompt = text(input, "prompt", true);
        String type = text(input, "subagent_type", false);
        type = type == null || type.isBlank() ? Definitions.GENERAL : type.strip();
        int childDepth = depth + 1;
        if (childDepth > team.limits().depth()) {
            LOG.warn("Task '%s' refused at depth %d: the depth limit is %d", description, depth, team.limits().depth());
            return ToolResult.error("refused: sub-agents may nest only " + team.limits().depth() + " deep (PINCER_TEAM_DEPTH), "
                    + "and you are a sub-agent at depth " + depth + ". Do this part yourself and finish your report.");
        }
        Definitions.Catalog catalog = team.definitions().load();
        AgentDefinition def = catalog.types().get(type);
        if (def == null) {
            return ToolResult.error("refused: there is no agent type '" + type + "'. Types: "
                    + String.join(", ", catalog.types().keySet())
                    + (catalog.problems().isEmpty() ? "" : ". Left out because of errors: " + String.join("; ", catalog.problems())));
        }
        if (team.timeLeft().isNegative() || team.timeLeft().isZero()) {
            return ToolResult.error("refused: this answer's time limit (PINCER_AGENT_TIMEOUT) is near; no sub-agent can"
                    + " finish in time. Answer now with what you have.");
        }
        if (!team.tryEnter()) {
            LOG.warn("Task '%s' refused: %d sub-agents are running", description, team.limits().parallel());
            return ToolResult.error("refused: " + team.limits().parallel() + " sub-agents are already running, the limit "
                    + "(PINCER_TEAM_PARALLEL). Wait for their reports, then start this one again.");
        }
        try {
            return run(new TaskRecords.Started(team.nextTaskId(), type, def, description, childDepth, Instant.now()), prompt);
        } finally {
            team.leave();
        }
    }

    private ToolResult run(TaskRecords.Started started, String prompt) throws InterruptedException {
        AgentDefinition def = started.definition();
        LOG.info("%s: sub-agent %s (%s, %s, depth %d) started: %s", started.id(), def.name(), started.type(),
                def.isolation().name().toLowerCase(java.util.Locale.ROOT), started.depth(), started.description());
        TaskReport report = def.isolation() == AgentDefinition.Isolation.SANDBOX
                ? new SandboxRun(team).run(started, prompt)
                : new SharedRun(team).run(started, prompt);
        meter.add(report.usage());
        TaskRecords.ended(team.places().transcripts(), started, report);
        LOG.info("%s: sub-agent %s ended (%s) with %s; transcript %s", started.id(), def.name(), report.outcome(),
                report.usage(), report.transcript() == null ? "kept by the host" : report.transcript());
        return report.failed() ? ToolResult.error(report.text()) : ToolResult.ok(report.text());
    }

    private static String text(JsonNode input, String field, boolean required) {
        JsonNode v = input == null ? null : input.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException("`" + field + "` is required");
            }
            return null;
        }
        if (!v.isTextual() || required && v.asText().isBlank()) {
            throw new IllegalArgumentException("`" + field + "` must be a non-empty string");
        }
        return v.asText();
    }

    private static JsonNode schema() {
        try {
            return Json.MAPPER.readTree("""
                    {"type": "object", "properties": {
                      "description": {"type": "string", "description": "A short (3-5 word) description of the task"},
                      "prompt": {"type": "string", "description": "The task for the sub-agent: everything it needs to know, and what its report should contain"},
                      "subagent_type": {"type": "string", "description": "The agent type to use (see the list above); default general-purpose"}},
                     "required": ["description", "prompt"], "additionalProperties": false}""");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("bad built-in schema of Task", e);
        }
    }
}
