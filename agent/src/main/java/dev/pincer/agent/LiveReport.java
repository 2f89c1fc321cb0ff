package dev.pincer.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.agent.ipc.OutputWriter;
import dev.pincer.agent.llm.ContentBlock;
import dev.pincer.agent.llm.DraftListener;
import dev.pincer.agent.tools.ToolResult;
import dev.pincer.agent.tools.ToolWatch;
import dev.pincer.protocol.AgentOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * What a run shows while it works, written to {@code output/} for the host's live views: the
 * answer's text as it streams ({@link AgentOutput.Draft}, at most one every {@link #DRAFT_EVERY}),
 * and each tool call's start and end ({@link AgentOutput.Tool}). Display only: losing one changes
 * nothing but the view, so a write that fails is logged and the run goes on.
 */
final class LiveReport implements DraftListener, ToolWatch {
    static final Duration DRAFT_EVERY = Duration.ofMillis(200);
    private static final Log LOG = Log.named("live");
    /** Input fields that say best what a call does, in order of preference. */
    private static final List<String> TELLING = List.of("command", "file_path", "path", "pattern", "url", "query",
            "skill", "name", "text", "prompt");

    private final OutputWriter out;
    private long lastDraft;
    private int lastLength = -1;

    LiveReport(OutputWriter out) {
        this.out = out;
    }

    @Override
    public void text(CharSequence soFar) {
        long now = System.nanoTime();
        int length = Math.min(soFar.length(), AgentOutput.Draft.MAX_CHARS);
        boolean restarted = length < lastLength; // a retry or a new block: show it at once
        if (length == lastLength || !restarted && now - lastDraft < DRAFT_EVERY.toNanos()) {
            return;
        }
        lastDraft = now;
        lastLength = length;
        write(new AgentOutput.Draft(soFar.subSequence(0, length).toString()));
    }

    @Override
    public void started(ContentBlock.ToolUse call) {
        write(new AgentOutput.Tool(call.id(), call.name(), inputSummary(call.input()), null));
    }

    @Override
    public void ended(ContentBlock.ToolUse call, long durationMs, ToolResult result) {
        write(new AgentOutput.Tool(call.id(), call.name(), inputSummary(call.input()),
                new AgentOutput.Tool.Ended(durationMs, AgentOutput.Tool.summary(result.content()), result.isError())));
    }

    /** The input's most telling text field, else the input as compact JSON; cut short. */
    static String inputSummary(JsonNode input) {
        if (input == null || input.isNull() || input.isMissingNode()) {
            return "";
        }
        for (String field : TELLING) {
            if (input.path(field).isTextual() && !input.path(field).asText().isBlank()) {
                return AgentOutput.Tool.summary(input.path(field).asText());
            }
        }
        return AgentOutput.Tool.summary(input.toString());
    }

    private synchronized void write(AgentOutput o) {
        try {
            out.write(o);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot write a live update: %s", e.toString());
        }
    }
}
