package dev.pincer.agent.hostcalls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.agent.tools.Tool;
import dev.pincer.agent.tools.ToolResult;
import dev.pincer.agent.tools.ToolSpec;
import dev.pincer.protocol.HostResponse;
import dev.pincer.protocol.HostTool;
import dev.pincer.protocol.Json;
import java.time.Duration;

/**
 * One host tool as the model sees it: its input goes to the host unchanged; an {@code ok} answer
 * becomes the result (its data as JSON), an {@code error} answer an {@code is_error} result with
 * the host's reason.
 */
final class HostCallTool implements Tool {

    private final HostTool tool;
    private final ToolSpec spec;
    private final HostClient client;

    /** @param schema the input schema as JSON text */
    HostCallTool(HostTool tool, String description, String schema, HostClient client) {
        this.tool = tool;
        try {
            this.spec = new ToolSpec(tool.wireName(), description, Json.MAPPER.readTree(schema));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bad built-in schema of " + tool.wireName(), e);
        }
        this.client = client;
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public Duration timeout() {
        return client.timeout().plusSeconds(10);
    }

    @Override
    public ToolResult execute(JsonNode input) throws Exception {
        JsonNode args = input == null || input.isNull() ? Json.MAPPER.createObjectNode() : input;
        return switch (client.call(tool.wireName(), args)) {
            case HostResponse.Ok ok -> ToolResult.ok(ok.data() == null || ok.data().isNull()
                    ? "done" : Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(ok.data()));
            case HostResponse.Error error -> ToolResult.error("Error: " + error.reason());
        };
    }
}
