package dev.pincer.agent.mcp;

import dev.pincer.agent.Log;
import dev.pincer.agent.tools.Tool;
import dev.pincer.protocol.McpServerSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The group's MCP servers for one agent process: started together, their tools offered as
 * {@code mcp__<server>__<tool>}, and closed when the agent ends. A server that does not start is a
 * {@link Failure}, not an error of the run.
 */
public final class McpServers implements AutoCloseable {
    public static final Duration INIT_TIMEOUT = Duration.ofSeconds(20);
    public static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    private static final Log LOG = Log.named("mcp");

    /** A server that could not start, and why. */
    public record Failure(String server, String reason) {
        /** What the chat is told. */
        public String chatMessage() {
            return "The MCP server '" + server + "' could not start: " + reason + ". I will work without its tools.";
        }
    }

    private final List<McpConnection> connections;
    private final List<Failure> failures;
    private final List<Tool> tools;

    private McpServers(List<McpConnection> connections, List<Failure> failures, Duration requestTimeout) {
        this.connections = List.copyOf(connections);
        this.failures = List.copyOf(failures);
        List<Tool> list = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (McpConnection c : connections) {
            for (var t : c.tools) {
                String name = McpTool.wireName(c.name, t.name(), taken);
                taken.add(name);
                list.add(new McpTool(name, c.name, t, c.client, requestTimeout));
            }
        }
        this.tools = List.copyOf(list);
    }

    public static McpServers none() {
        return new McpServers(List.of(), List.of(), REQUEST_TIMEOUT);
    }

    /**
     * Starts every server concurrently and waits until each is initialized or has failed.
     *
     * @param workDir the servers' working directory (the group's workspace)
     * @param env     the environment the servers start with, before their own {@code env}
     */
    public static McpServers start(Map<String, McpServerSpec> specs, Path workDir, Map<String, String> env,
                                   Duration initTimeout, Duration requestTimeout) throws InterruptedException {
        if (specs.isEmpty()) {
            return none();
        }
        Map<String, Future<McpConnection>> started = new LinkedHashMap<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            new TreeMap<>(specs).forEach((name, spec) -> started.put(name, executor.submit(
                    () -> McpConnection.open(name, spec, workDir, env, initTimeout, requestTimeout))));
            List<McpConnection> ok = new ArrayList<>();
            List<Failure> failed = new ArrayList<>();
            for (var e : started.entrySet()) {
                try {
                    McpConnection c = e.getValue().get();
                    LOG.info("MCP server '%s' started with %d tools", c.name, c.tools.size());
                    ok.add(c);
                } catch (ExecutionException ex) {
                    Failure f = new Failure(e.getKey(), reason(ex.getCause()));
                    LOG.warn("MCP server '%s' could not start: %s", f.server(), f.reason());
                    failed.add(f);
                }
            }
            return new McpServers(ok, failed, requestTimeout);
        }
    }

    /** The messages of a failure's cause chain, without repeats: what went wrong, as the user can act on it. */
    static String reason(Throwable t) {
        List<String> parts = new ArrayList<>();
        for (Throwable c = t; c != null && parts.size() < 4; c = c.getCause()) {
            String raw = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage().strip();
            String m = c instanceof java.util.concurrent.TimeoutException
                    || raw.contains("Did not observe any item or terminal signal") ? "no answer within the timeout" : raw;
            if (parts.stream().noneMatch(p -> p.contains(m))) {
                parts.add(m);
            }
        }
        String joined = String.join(": ", parts);
        return joined.length() > 400 ? joined.substring(0, 400) + "..." : joined;
    }

    public List<Tool> tools() {
        return tools;
    }

    public List<Failure> failures() {
        return failures;
    }

    @Override
    public void close() {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            connections.forEach(c -> executor.submit(c::close));
        }
    }
}
