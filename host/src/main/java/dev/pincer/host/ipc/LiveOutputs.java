package dev.pincer.host.ipc;

import dev.pincer.host.events.EventBus;
import dev.pincer.host.outbox.Replies;
import dev.pincer.host.store.RunSteps;
import dev.pincer.protocol.AgentOutput;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outputs that only show what a run is doing: typing, the answer's text while it streams
 * (drafts) and tool calls, published as {@code typing}, {@code draft} and {@code tool} events for
 * the live views. A draft is never stored nor delivered (the reply that follows is); a tool call is
 * also recorded in the run's steps for its timeline.
 */
public record LiveOutputs(EventBus events, RunSteps steps) {

    void typing(OutputApplier.RunTarget t, AgentOutput.Typing typing) {
        events.publish("typing", Map.of("chat", t.chatJid(), "folder", t.folder(), "typing", typing.typing(),
                "runId", t.runId()));
    }

    void draft(OutputApplier.RunTarget t, AgentOutput.Draft d) {
        String text = d.text() == null ? "" : d.text();
        if (text.length() > AgentOutput.Draft.MAX_CHARS) {
            text = text.substring(0, AgentOutput.Draft.MAX_CHARS);
        }
        events.publish("draft", Map.of("chat", t.chatJid(), "folder", t.folder(), "runId", t.runId(),
                "text", Replies.strip(text)));
    }

    void tool(OutputApplier.RunTarget t, AgentOutput.Tool call) {
        String id = call.id() == null || call.id().isBlank() ? "unnamed" : AgentOutput.Tool.summary(call.id());
        String name = call.name() == null ? "?" : AgentOutput.Tool.summary(call.name());
        String input = AgentOutput.Tool.summary(call.input());
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("chat", t.chatJid());
        e.put("folder", t.folder());
        e.put("runId", t.runId());
        e.put("id", id);
        e.put("name", name);
        e.put("input", input);
        AgentOutput.Tool.Ended end = call.ended();
        if (end == null) {
            steps.started(t.runId(), id, name, input);
            e.put("state", "started");
        } else {
            String result = AgentOutput.Tool.summary(end.result());
            long ms = Math.max(0, end.durationMs());
            steps.ended(t.runId(), id, name, input, new RunSteps.Ending(ms, result, end.error()));
            e.put("state", "ended");
            e.put("durationMs", ms);
            e.put("result", result);
            e.put("error", end.error());
        }
        events.publish("tool", e);
    }
}
