package dev.pincer.host.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GroupConfigTest {

    @Test
    void parsesEveryFieldAndRoundTrips() {
        GroupConfig c = GroupConfig.parse("""
                {"model":"claude-haiku-4-5","mcpServers":{"notes":{"command":"java","args":["-jar","n.jar"],"env":{"A":"1"}}},
                 "egress":{"policy":"allowlist","allow":["example.com:443"]}}""");
        assertThat(c.model()).isEqualTo("claude-haiku-4-5");
        assertThat(c.mcpServers().get("notes").args()).containsExactly("-jar", "n.jar");
        assertThat(c.egress().allow()).containsExactly("example.com:443");
        assertThat(GroupConfig.parse(c.toJson())).isEqualTo(c);
        assertThat(GroupConfig.parse("{}")).isEqualTo(GroupConfig.EMPTY);
        assertThat(GroupConfig.EMPTY.toJson()).isEqualTo("{}");
    }

    @Test
    void refusesTyposAndBadValues() {
        assertThatThrownBy(() -> GroupConfig.parse("{\"modle\":\"x\"}")).hasMessageContaining("invalid group config");
        assertThatThrownBy(() -> GroupConfig.parse("{\"egress\":{\"policy\":\"open\"}}")).hasMessageContaining("egress policy");
        assertThatThrownBy(() -> GroupConfig.parse("{\"mcpServers\":{\"a b\":{\"command\":\"x\"}}}")).hasMessageContaining("MCP server name");
        assertThatThrownBy(() -> GroupConfig.parse("{\"mcpServers\":{\"a\":{}}}")).hasMessageContaining("command");
        assertThatThrownBy(() -> GroupConfig.parse("[1]")).hasMessageContaining("invalid group config");
    }

    @Test
    void limitsOverrideTheGlobalOnesFieldByField() {
        GroupConfig c = GroupConfig.parse("{\"limits\":{\"memoryMb\":2048,\"cpus\":0.5}}");
        var global = new dev.pincer.host.sandbox.Limits(1024, 256, 1.0);
        assertThat(c.limits().applyTo(global)).isEqualTo(new dev.pincer.host.sandbox.Limits(2048, 256, 0.5));
        assertThat(GroupConfig.parse(c.toJson())).isEqualTo(c);
        assertThat(GroupConfig.EMPTY.limits()).isNull();
        assertThatThrownBy(() -> GroupConfig.parse("{\"limits\":{\"pids\":1}}")).hasMessageContaining("pids");
        assertThatThrownBy(() -> GroupConfig.parse("{\"limits\":{\"memory\":1}}")).hasMessageContaining("invalid group config");
    }
}
