package dev.pincer.agent.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.agent.tools.Tool;
import dev.pincer.agent.tools.ToolResult;
import dev.pincer.agent.tools.ToolSpec;
import dev.pincer.protocol.Json;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * One tool of an MCP server as the model sees it: {@code mcp__<server>__<tool>} with the server's
 * input schema. A call goes to the server's {@code tools/call}; the text parts of the answer are
 * joined, and the server's {@code isError} becomes an {@code is_error} result.
 */
final class McpTool implements Tool {
    static final int MAX_CHARS = 30_000;
    private static final int MAX_NAME = 64;

    private final String name;
    private final String server;
    private final McpSchema.Tool tool;
    private final McpSyncClient client;
    private final Duration timeout;

    McpTool(String name, String server, McpSchema.Tool tool, McpSyncClient client, Duration requestTimeout) {
        this.name = name;
        this.server = server;
        this.tool = tool;
        this.client = client;
        this.timeout = requestTimeout.plusSeconds(5); // the SDK's own timeout answers first, with its reason
    }

    /**
     * {@code mcp__<server>__<tool>} reduced to what the Messages API accepts
     * ({@code ^[a-zA-Z0-9_-]{1,64}$}) and made unique among {@code taken}.
     */
    static String wireName(String server, String tool, Set<String> taken) {
        String base = ("mcp__" + server + "__" + tool).replaceAll("[^a-zA-Z0-9_-]", "_");
        if (base.length() > MAX_NAME) {
            base = base.substring(0, MAX_NAME);
        }
        String name = base;
        for (int n = 2; taken.contains(name); n++) {
            String suffix = "_" + n;
            name = base.substring(0, Math.min(base.length(), MAX_NAME - suffix.length())) + suffix;
        }
        return name;
    }

    @Override
    public ToolSpec spec() {
        String text = tool.description() != null && !tool.description().isBlank() ? tool.description()
                : tool.title() != null && !tool.title().isBlank() ? tool.title() : "Tool " + tool.name();
        return new ToolSpec(name, text + " (from the MCP server '" + server + "')", inputSchema());
    }

    /** The server's schema, made an object schema when it is not one (the API accepts nothing else). */
    private JsonNode inputSchema() {
        JsonNode schema = tool.inputSchema() == null ? null : Json.MAPPER.valueToTree(tool.inputSchema());
        if (!(schema instanceof ObjectNode object)) {
            return Json.MAPPER.createObjectNode().put("type", "object").set("properties", Json.MAPPER.createObjectNode());
        }
        if (!object.has("type")) {
            object.put("type", "object");
        }
        return object;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    @SuppressWarnings("unchecked")
    public ToolResult execute(JsonNode input) {
        Map<String, Object> args = input == null || !input.isObject() ? Map.of() : Json.MAPPER.convertValue(input, Map.class);
        McpSchema.CallToolResult result = client.callTool(
                McpSchema.CallToolRequest.builder().name(tool.name()).arguments(args).build());
        String text = text(result);
        return Boolean.TRUE.equals(result.isError()) ? ToolResult.error(text.isEmpty() ? "the tool failed" : text)
                : ToolResult.ok(text.isEmpty() ? "(no output)" : text);
    }

    private static String text(McpSchema.CallToolResult result) {
        StringBuilder sb = new StringBuilder();
        if (result.content() != null) {
            for (McpSchema.Content c : result.content()) {
                if (!sb.isEmpty()) {
                    sb.append('\n');
                }
                switch (c) {
                    case McpSchema.TextContent t -> sb.append(t.text());
                    case McpSchema.ImageContent i -> sb.append("[image (").append(i.mimeType()).append(") not shown]");
                    default -> sb.append("[").append(c.type()).append(" content not shown]");
                }
            }
        }
        if (sb.isEmpty() && result.structuredContent() != null) {
            sb.append(Json.MAPPER.valueToTree(result.structuredContent()).toString());
        }
        if (sb.length() > MAX_CHARS) {
            int cut = sb.length() - MAX_CHARS;
            sb.setLength(MAX_CHARS);
            sb.append("\n\n... [output cut: ").append(cut).append(" more characters]");
        }
        return sb.toString();
    }
}
