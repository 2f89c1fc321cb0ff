package dev.pincer.protocol;

import java.util.List;
import java.util.Map;

/**
 * A stdio MCP server the agent starts inside the sandbox: {@code command} with {@code args}, its
 * environment extended by {@code env}. The host validated it; the agent reports a server that does
 * not start instead of failing the run.
 */
public record McpServerSpec(String command, List<String> args, Map<String, String> env) {
    public McpServerSpec {
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? Map.of() : Map.copyOf(env);
    }
}
