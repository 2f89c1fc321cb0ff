package dev.pincer.agent.mcp;

import dev.pincer.agent.Log;
import dev.pincer.protocol.McpServerSpec;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One started and initialized MCP server over stdio, with the tools it listed. */
final class McpConnection implements AutoCloseable {
    private static final Log LOG = Log.named("mcp");

    final String name;
    final McpSyncClient client;
    final List<McpSchema.Tool> tools;

    private McpConnection(String name, McpSyncClient client, List<McpSchema.Tool> tools) {
        this.name = name;
        this.client = client;
        this.tools = tools;
    }

    /**
     * Starts the server in {@code workDir} with {@code baseEnv} plus the spec's env, initializes it
     * and lists its tools; throws (after stopping the process) when any step fails.
     */
    static McpConnection open(String name, McpServerSpec spec, Path workDir, Map<String, String> baseEnv,
                              Duration initTimeout, Duration requestTimeout) {
        if (spec.command() == null || spec.command().isBlank()) {
            throw new IllegalArgumentException("no command is configured");
        }
        Map<String, String> env = new HashMap<>(baseEnv);
        env.putAll(spec.env());
        resolveCommand(spec.command(), workDir, System.getenv("PATH")); // how ProcessBuilder looks it up
        var params = ServerParameters.builder(spec.command()).args(spec.args()).env(env).build();
        var transport = new StdioClientTransport(params, McpJsonDefaults.getMapper()) {
            @Override
            protected ProcessBuilder getProcessBuilder() {
                return new ProcessBuilder().directory(workDir.toFile());
            }
        };
        // The server's stderr is its log; it goes to ours (stdout is the protocol channel).
        transport.setStdErrorHandler(line -> LOG.info("%s: %s", name, line));
        McpSyncClient client = McpClient.sync(transport)
                .clientInfo(McpSchema.Implementation.builder("pincer", "0.1.0").build())
                .initializationTimeout(initTimeout)
                .requestTimeout(requestTimeout)
                .build();
        try {
            initialize(client, transport, initTimeout);
            return new McpConnection(name, client, listTools(client));
        } catch (RuntimeException e) {
            closeQuietly(name, client);
            throw e;
        }
    }

    /**
     * Runs {@code initialize}, but gives up as soon as the server process exits: the SDK would
     * wait for the whole timeout for an answer that can no longer come.
     */
    private static void initialize(McpSyncClient client, StdioClientTransport transport, Duration timeout) {
        CompletableFuture<Object> init = new CompletableFuture<>();
        Thread.ofVirtual().name("mcp-init").start(() -> {
            try {
                init.complete(client.initialize());
            } catch (RuntimeException e) {
                init.completeExceptionally(e);
            }
        });
        Thread watcher = Thread.ofVirtual().name("mcp-exit").start(() -> {
            while (!init.isDone()) {
                try {
                    transport.awaitForExit();
                    init.completeExceptionally(new IllegalStateException(
                            "the server exited before it answered (its stderr is in the run log)"));
                    return;
                } catch (NullPointerException notStartedYet) {
                    sleep(Duration.ofMillis(50));
                } catch (RuntimeException interrupted) {
                    return;
                }
            }
        });
        try {
            init.get(timeout.toMillis() + 2_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer to initialize within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting");
        } finally {
            watcher.interrupt();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The command as the process would be started: a path (relative to {@code workDir}) must be an
     * executable file, a bare name must be found on {@code PATH}. Fails with a message naming it.
     */
    static Path resolveCommand(String command, Path workDir, String path) {
        if (command.contains("/")) {
            Path p = workDir.resolve(command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
            throw new IllegalArgumentException("the command '" + command + "' does not exist or is not executable");
        }
        for (String dir : (path == null ? "" : path).split(":")) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, command);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("the command '" + command + "' is not on the PATH (" + path + ")");
    }

    private static List<McpSchema.Tool> listTools(McpSyncClient client) {
        List<McpSchema.Tool> all = new ArrayList<>();
        String cursor = null;
        do {
            McpSchema.ListToolsResult page = cursor == null ? client.listTools() : client.listTools(cursor);
            all.addAll(page.tools() == null ? List.of() : page.tools());
            cursor = page.nextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return List.copyOf(all);
    }

    @Override
    public void close() {
        closeQuietly(name, client);
    }

    private static void closeQuietly(String name, McpSyncClient client) {
        try {
            if (!client.closeGracefully()) {
                client.close();
            }
        } catch (RuntimeException e) {
            LOG.warn("closing the MCP server '%s' failed: %s", name, e.getMessage());
        }
    }
}
