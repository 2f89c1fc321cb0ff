package dev.pincer.host.groups;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;

/**
 * Per-group settings, stored as the group's {@code config} JSON object. Every field is optional;
 * unknown fields are refused so a typo does not silently do nothing.
 *
 * @param model      the model this group's agent calls instead of {@code PINCER_MODEL}
 * @param mcpServers MCP servers started inside the group's sandbox, by name
 * @param egress     what the group's sandbox may reach through its egress proxy
 */
public record GroupConfig(String model, Map<String, McpServer> mcpServers, Egress egress) {

    public static final GroupConfig EMPTY = new GroupConfig(null, Map.of(), null);

    /** A stdio MCP server: {@code command} with {@code args} and extra {@code env}, run inside the sandbox. */
    public record McpServer(String command, List<String> args, Map<String, String> env) {
        public McpServer {
            if (command == null || command.isBlank()) {
                throw new IllegalArgumentException("an MCP server needs a command");
            }
            args = args == null ? List.of() : List.copyOf(args);
            env = env == null ? Map.of() : Map.copyOf(env);
        }
    }

    /**
     * @param policy {@code public} (any public address), {@code allowlist} (only {@code allow}) or {@code none}
     * @param allow  {@code host} or {@code host:port} entries; an explicit entry may name a private address
     */
    public record Egress(String policy, List<String> allow) {
        public Egress {
            if (policy == null || !List.of("public", "allowlist", "none").contains(policy)) {
                throw new IllegalArgumentException("egress policy must be public, allowlist or none");
            }
            allow = allow == null ? List.of() : List.copyOf(allow);
        }
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .build();

    public GroupConfig {
        mcpServers = mcpServers == null ? Map.of() : Map.copyOf(mcpServers);
        for (String name : mcpServers.keySet()) {
            if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException("MCP server name '" + name + "' must be 1-64 letters, digits, '_' or '-'");
            }
        }
        if (model != null && (model.isBlank() || model.length() > 200)) {
            throw new IllegalArgumentException("model must be a non-empty name of at most 200 characters");
        }
    }

    /** Parses a stored or submitted config; null or blank is the empty config. */
    public static GroupConfig parse(String json) {
        if (json == null || json.isBlank()) {
            return EMPTY;
        }
        try {
            return MAPPER.readValue(json, GroupConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("invalid group config: " + e.getOriginalMessage());
        }
    }

    public static GroupConfig of(JsonNode node) {
        return node == null || node.isNull() ? EMPTY : parse(node.toString());
    }

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
