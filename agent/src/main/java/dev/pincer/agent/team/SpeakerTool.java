package dev.pincer.agent.team;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.agent.tools.Tool;
import dev.pincer.agent.tools.ToolResult;
import dev.pincer.agent.tools.ToolSpec;
import dev.pincer.protocol.Json;
import java.time.Duration;

/**
 * {@code send_message} or {@code send_file} of a sub-agent: the {@code sender} is always its name
 * (whatever the model wrote), so its messages show in the chat under its own identity.
 *
 * @param name the sub-agent's name, the sender of all it sends
 */
record SpeakerTool(Tool inner, String name) implements Tool {
    /** The host tools that carry a sender. */
    static final java.util.Set<String> SPEAKING = java.util.Set.of("send_message", "send_file");

    @Override
    public ToolSpec spec() {
        ToolSpec s = inner.spec();
        return new ToolSpec(s.name(), s.description() + " Your messages show under your name, " + name
                + "; the sender field is set for you.", s.inputSchema());
    }

    @Override
    public Duration timeout() {
        return inner.timeout();
    }

    @Override
    public ToolResult execute(JsonNode input) throws Exception {
        ObjectNode args = input != null && input.isObject() ? ((ObjectNode) input).deepCopy() : Json.MAPPER.createObjectNode();
        args.put("sender", name);
        return inner.execute(args);
    }
}
