package dev.pincer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.protocol.AgentInput;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.protocol.McpServerSpec;
import dev.pincer.testkit.EchoMcpServer;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** MCP servers of the group: started by the agent, their tools offered and called, failures told once. */
class AgentMcpTest extends AgentRunFixture {

    static McpServerSpec echo(String... args) {
        String cp = EchoMcpServer.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = EchoMcpServer.command(cp, args);
        return new McpServerSpec(cmd.getFirst(), cmd.subList(1, cmd.size()), Map.of("ECHO_MARK", "1"));
    }

    static AgentInput.Start start(String prompt, Map<String, McpServerSpec> servers) {
        return new AgentInput.Start("run-1", prompt, null, new AgentInput.Group("main", "web:main", true),
                new AgentInput.Setup("Andy", "anthropic", null, servers));
    }

    private static List<ProcessHandle> echoProcesses() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(EchoMcpServer.class.getName())).toList();
    }

    @Test
    void theServersToolsAreOfferedAndCalled() throws Exception {
        h.fake.enqueue(Reply.toolUses("Let me shout.", List.of(
                        new Reply.ToolCall("mcp__echo__shout", Map.of("text", "hello mcp")),
                        new Reply.ToolCall("mcp__echo__fail", Map.of()))),
                Reply.text("It said HELLO MCP!"));

        assertThat(h.run(start("shout hello", Map.of("echo", echo())))).isEqualTo(Agent.OK);

        RecordedRequest first = h.fake.requests().get(0);
        assertThat(first.toolNames()).contains("Bash", "mcp__echo__shout", "mcp__echo__fail");
        JsonNode shout = null;
        for (JsonNode t : first.body().get("tools")) {
            if (t.path("name").asText().equals("mcp__echo__shout")) {
                shout = t;
            }
        }
        assertThat(shout).isNotNull();
        assertThat(shout.path("description").asText()).contains("upper case").contains("'echo'");
        assertThat(shout.at("/input_schema/properties/text/type").asText()).isEqualTo("string");
        assertThat(shout.at("/input_schema/required/0").asText()).isEqualTo("text");

        var results = h.fake.lastRequest().toolResults();
        assertThat(results.get(0).isError()).isFalse();
        assertThat(results.get(0).content()).isEqualTo("HELLO MCP!");
        assertThat(results.get(1).isError()).isTrue();
        assertThat(results.get(1).content()).isEqualTo("echo refuses");
        assertThat(h.messages()).containsExactly("It said HELLO MCP!");
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(echoProcesses()).as("the server is closed with the agent").isEmpty());
    }

    @Test
    void aServerThatDoesNotStartIsToldOnceAndTheRunContinues() throws Exception {
        h.extraEnv.put("PINCER_IDLE_TIMEOUT", "30");
        h.fake.enqueue(Reply.toolUse("mcp__echo__shout", Map.of("text", "still here")), Reply.text("first answer"),
                Reply.text("second answer"));
        var servers = Map.of("echo", echo(), "broken", new McpServerSpec("/nonexistent/mcp-server", List.of("--x"), null),
                "crashy", echo("--crash"));
        Thread agent = Thread.ofVirtual().start(() -> {
            try {
                h.run(start("go", servers));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> h.messages().contains("first answer"));
        IpcFiles.write(h.input, new AgentInput.Message("again"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> h.messages().contains("second answer"));
        IpcFiles.write(h.input, new AgentInput.Close());
        agent.join(Duration.ofSeconds(30));

        List<String> messages = h.messages();
        assertThat(messages.stream().filter(m -> m.contains("'broken'"))).singleElement().asString()
                .startsWith("The MCP server 'broken' could not start: ").contains("/nonexistent/mcp-server");
        assertThat(messages.stream().filter(m -> m.contains("'crashy'"))).hasSize(1);
        assertThat(h.fake.requests().get(0).toolNames()).contains("mcp__echo__shout")
                .noneMatch(n -> n.startsWith("mcp__broken") || n.startsWith("mcp__crashy"));
        assertThat(h.fake.requests().get(1).toolResults().getFirst().content()).isEqualTo("STILL HERE!");
        assertThat(h.result().ok()).isTrue();
    }
}
