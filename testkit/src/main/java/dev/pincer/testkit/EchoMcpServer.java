package dev.pincer.testkit;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * A tiny stdio MCP server for tests, built with the official SDK. Tools: {@code shout {text}}
 * answers the text in upper case; {@code fail {}} answers an {@code isError} result. It exits
 * when its stdin ends. With the argument {@code --crash} it exits with status 3 before speaking.
 * Nothing but the protocol goes to stdout.
 */
public final class EchoMcpServer {

    /** Jar name prefixes of what this server needs at run time (and nothing that logs to stdout). */
    private static final List<String> NEEDED = List.of("mcp-core", "mcp-json-jackson2", "jackson-", "reactor-core",
            "reactive-streams", "slf4j-api", "json-schema-validator", "itu-", "snakeyaml");

    private EchoMcpServer() {}

    /**
     * The entries of this JVM's class path the server runs with: the testkit itself (a jar or a
     * classes folder) and the SDK's jars with their dependencies.
     */
    public static List<Path> classpath() {
        List<Path> out = new ArrayList<>();
        try {
            out.add(Path.of(EchoMcpServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (name.endsWith(".jar") && NEEDED.stream().anyMatch(name::startsWith) && !out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** A command line that starts this server with {@code classpath}, using this JVM's {@code java}. */
    public static List<String> command(String classpath, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dslf4j.internal.verbosity=ERROR", "-cp", classpath,
                EchoMcpServer.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--crash")) {
            System.err.println("echo: crashing on purpose");
            System.exit(3);
        }
        CountDownLatch stdinEnded = new CountDownLatch(1);
        InputStream in = new FilterInputStream(System.in) {
            @Override
            public int read() throws IOException {
                return ended(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return ended(super.read(b, off, len));
            }

            private int ended(int n) {
                if (n < 0) {
                    stdinEnded.countDown();
                }
                return n;
            }
        };
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(mapper, in, System.out))
                .serverInfo("echo", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(shout(mapper), fail(mapper))
                .build();
        stdinEnded.await();
        server.close();
        System.exit(0);
    }

    private static SyncToolSpecification shout(McpJsonMapper mapper) {
        var tool = McpSchema.Tool.builder().name("shout").description("Repeats the text in upper case.")
                .inputSchema(mapper, """
                        {"type":"object","properties":{"text":{"type":"string","description":"what to shout"}},
                         "required":["text"]}""")
                .build();
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            Object text = request.arguments() == null ? null : request.arguments().get("text");
            return McpSchema.CallToolResult.builder()
                    .addTextContent(String.valueOf(text).toUpperCase(Locale.ROOT) + "!")
                    .isError(false).build();
        }).build();
    }

    private static SyncToolSpecification fail(McpJsonMapper mapper) {
        var tool = McpSchema.Tool.builder().name("fail").description("Always fails.")
                .inputSchema(mapper, "{\"type\":\"object\",\"properties\":{}}").build();
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> McpSchema.CallToolResult
                .builder().addTextContent("echo refuses").isError(true).build()).build();
    }
}
