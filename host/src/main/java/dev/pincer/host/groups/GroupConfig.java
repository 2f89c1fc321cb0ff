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
 * @param additionalMounts host directories requested at {@code /workspace/extra/<containerPath>}; each is
 *                   checked against the external mount allowlist before every run (docs/DESIGN.md section 5)
 * @param limits     this group's sandbox limits ({@code {memoryMb, pids, cpus}}); unset fields keep the global ones
 * @param senders    the platform ids of the people whose messages may trigger a run; empty: everyone in the chat.
 *                   Messages of others are stored (and given as context) but never trigger.
 */
public record GroupConfig(String model, Map<String, McpServer> mcpServers, Egress egress,
                          List<AdditionalMount> additionalMounts, Limits limits, List<String> senders) {

    /** The config without its own sandbox limits (the global ones apply). */
    public GroupConfig(String model, Map<String, McpServer> mcpServers, Egress egress,
                       List<AdditionalMount> additionalMounts) {
        this(model, mcpServers, egress, additionalMounts, null, null);
    }

    /** Whether a message from {@code senderId} may trigger a run (every sender when no allowlist is set). */
    public boolean allowsSender(String senderId) {
        return senders.isEmpty() || senderId != null && senders.contains(senderId);
    }

    /**
     * This group's overrides of the global sandbox limits ({@code PINCER_SANDBOX_MEMORY_MB}, {@code _PIDS},
     * {@code _CPUS}); an unset field keeps the global value.
     *
     * @param memoryMb memory in MiB
     * @param pids     processes and threads at once
     * @param cpus     CPU share, e.g. 0.5
     */
    public record Limits(Integer memoryMb, Integer pids, Double cpus) {
        public Limits {
            dev.pincer.host.sandbox.Limits.DEFAULT.with(memoryMb, pids, cpus); // refuses out-of-range values now
        }

        /** {@code global} with these overrides. */
        public dev.pincer.host.sandbox.Limits applyTo(dev.pincer.host.sandbox.Limits global) {
            return global.with(memoryMb, pids, cpus);
        }
    }

    public static final GroupConfig EMPTY = new GroupConfig(null, Map.of(), null);

    /** The config without extra mounts. */
    public GroupConfig(String model, Map<String, McpServer> mcpServers, Egress egress) {
        this(model, mcpServers, egress, List.of());
    }

    /**
     * An extra mount the group asks for; whether it is granted is decided by the mount allowlist
     * ({@code dev.pincer.host.sandbox.ExtraMounts}), never by the group config alone.
     *
     * @param hostPath      the host directory; {@code ~} is the host user's home
     * @param containerPath a single name: the mount appears at {@code /workspace/extra/<containerPath>};
     *                      defaults to the host directory's name
     * @param readonly      {@code false} asks for read-write (default read-only)
     */
    public record AdditionalMount(String hostPath, String containerPath, Boolean readonly) {
        public AdditionalMount {
            if (hostPath == null || hostPath.isBlank()) {
                throw new IllegalArgumentException("an additional mount needs a hostPath");
            }
        }

        /** Whether the mount is requested read-only (the default). */
        public boolean wantsReadOnly() {
            return readonly == null || readonly;
        }
    }

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
        additionalMounts = additionalMounts == null ? List.of() : List.copyOf(additionalMounts);
        senders = senders == null ? List.of() : List.copyOf(senders);
        for (String id : senders) {
            if (id == null || id.isBlank() || id.length() > 200) {
                throw new IllegalArgumentException("senders must be a list of sender ids (1-200 characters each)");
            }
        }
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
