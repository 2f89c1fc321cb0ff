package dev.pincer.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The MCP servers of a start input: carried through JSON, and absent in older inputs means none. */
class StartMcpServersTest {

    @Test
    void serversRoundTripAndComeSortedByName() throws Exception {
        var start = new AgentInput.Start("r1", "hi", null, new AgentInput.Group("family", "web:family", false),
                new AgentInput.Setup("Andy", "anthropic", null, Map.of("zeta", new McpServerSpec("/usr/bin/z", null, null),
                        "echo", new McpServerSpec("java", List.of("-cp", "x"), Map.of("K", "V")))));
        String json = Json.MAPPER.writerFor(AgentInput.class).writeValueAsString(start);
        assertThat(json).contains("\"mcpServers\":{\"echo\":{\"command\":\"java\",\"args\":[\"-cp\",\"x\"],\"env\":{\"K\":\"V\"}}");
        AgentInput back = Json.MAPPER.readValue(json, AgentInput.class);
        assertThat(back).isEqualTo(start);
        assertThat(((AgentInput.Start) back).setup().mcpServers().keySet()).containsExactly("echo", "zeta");
        assertThat(start.withRunId("r2").setup()).isEqualTo(start.setup());
    }

    @Test
    void anInputWithoutTheFieldHasNoServers() throws Exception {
        String old = """
                {"type":"start","runId":"r","prompt":"p","group":{"folder":"main","chat":"c","isMain":true},
                 "setup":{"assistantName":"Andy","provider":"anthropic"}}""";
        var start = (AgentInput.Start) Json.MAPPER.readValue(old, AgentInput.class);
        assertThat(start.setup().mcpServers()).isEmpty();
        assertThat(start.group()).isEqualTo(new AgentInput.Group("main", "c", true));
        var missingParts = (AgentInput.Start) Json.MAPPER.readValue(
                "{\"type\":\"start\",\"prompt\":\"p\",\"setup\":{\"mcpServers\":{\"a\":{\"command\":\"x\"}}}}", AgentInput.class);
        assertThat(missingParts.setup().mcpServers().get("a")).isEqualTo(new McpServerSpec("x", List.of(), Map.of()));
        var bare = (AgentInput.Start) Json.MAPPER.readValue("{\"type\":\"start\",\"prompt\":\"p\"}", AgentInput.class);
        assertThat(bare.group().isMain()).isFalse();
        assertThat(bare.setup().mcpServers()).isEmpty();
    }
}
