package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.protocol.Json;
import dev.pincer.protocol.SandboxPaths;
import dev.pincer.testkit.EchoMcpServer;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group's MCP servers end to end: registered with a {@code config} through the web API, started
 * by the agent inside a real bwrap sandbox (the echo server's jars live in the group folder), their
 * tool called by the model, and a server that cannot start told in the chat once.
 */
class McpEndToEndTest {

    @TempDir Path home;

    @Test
    void theModelCallsAnMcpToolInsideTheSandboxAndItsAnswerReachesTheChat() throws Exception {
        try (Harness h = new Harness(home).start()) {
            String classpath = installEchoServer(home.resolve("groups/tools/mcp"));
            List<String> echo = EchoMcpServer.command(classpath);
            Map<String, Object> config = Map.of("mcpServers", Map.of(
                    "echo", Map.of("command", echo.getFirst(), "args", echo.subList(1, echo.size())),
                    "broken", Map.of("command", "/workspace/group/mcp/no-such-server")));
            HttpResponse<String> r = h.call("POST", "/api/groups", Json.MAPPER.writeValueAsString(Map.of(
                    "chat", "web:tools", "name", "Tools", "folder", "tools", "trigger", "@Andy", "requiresTrigger", false,
                    "config", config)));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);

            h.model.enqueue(Reply.toolUse("mcp__echo__shout", Map.of("text", "from the sandbox")),
                    Reply.text("The server shouted back."));
            long seq = h.post("tools", "shout something");
            List<String> replies = awaitReplies(h, "tools", seq, "The server shouted back.", Duration.ofSeconds(90));

            RecordedRequest first = h.model.requests().get(0);
            assertThat(first.toolNames()).contains("mcp__echo__shout", "mcp__echo__fail")
                    .noneMatch(n -> n.startsWith("mcp__broken"));
            var result = h.model.requests().get(1).toolResults().getFirst();
            assertThat(result.isError()).as(result.content()).isFalse();
            assertThat(result.content()).isEqualTo("FROM THE SANDBOX!");

            assertThat(replies.stream().filter(t -> t.contains("'broken'"))).as("replies: %s", replies).singleElement()
                    .asString().startsWith("The MCP server 'broken' could not start");
            assertThat(replies).last().isEqualTo("The server shouted back.");
            assertThat(h.runLogs()).contains("MCP server 'broken' could not start")
                    .contains("MCP server 'echo' started with 2 tools");
        }
    }

    /** Copies the echo server's class path into {@code dir}; returns it as the sandbox sees it. */
    private static String installEchoServer(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> inSandbox = new ArrayList<>();
        for (Path entry : EchoMcpServer.classpath()) {
            Path target = dir.resolve(entry.getFileName());
            if (Files.isDirectory(entry)) {
                try (var files = Files.walk(entry)) {
                    for (Path p : files.toList()) {
                        Path to = target.resolve(entry.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            } else {
                Files.copy(entry, target, StandardCopyOption.REPLACE_EXISTING);
            }
            inSandbox.add(SandboxPaths.GROUP + "/mcp/" + entry.getFileName());
        }
        return String.join(":", inSandbox);
    }

    /** The assistant's messages after {@code after} until one equals {@code last}. */
    private static List<String> awaitReplies(Harness h, String chat, long after, String last, Duration timeout)
            throws Exception {
        List<String> texts = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        long cursor = after;
        while (System.nanoTime() < deadline) {
            for (JsonNode m : h.messages(chat, cursor, 10)) {
                cursor = m.get("seq").asLong();
                if (m.get("fromAssistant").asBoolean()) {
                    texts.add(m.get("text").asText());
                    if (m.get("text").asText().equals(last)) {
                        return texts;
                    }
                }
            }
        }
        throw new AssertionError("no '" + last + "' in " + chat + " within " + timeout + "; got " + texts
                + "; runs: " + h.pincer.recentRuns() + "\nrun logs:\n" + h.runLogs());
    }
}
