package dev.pincer.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AgentDefinitionTest {

    @Test
    void parsesFrontmatterAndBody() {
        var def = AgentDefinition.parse("critic", """
                ---
                name: Critic
                description: "Reviews drafts: finds weak points."
                tools: [Read, Grep]
                model: claude-haiku-4-5
                isolation: sandbox
                tasks: true
                ---
                You review drafts.
                """);
        assertThat(def.name()).isEqualTo("Critic");
        assertThat(def.description()).isEqualTo("Reviews drafts: finds weak points.");
        assertThat(def.tools()).containsExactly("Read", "Grep");
        assertThat(def.model()).isEqualTo("claude-haiku-4-5");
        assertThat(def.isolation()).isEqualTo(AgentDefinition.Isolation.SANDBOX);
        assertThat(def.delegates()).isTrue();
        assertThat(def.instructions()).isEqualTo("You review drafts.");
        assertThat(def.allows("Grep")).isTrue();
        assertThat(def.allows("Bash")).isFalse();
        assertThat(def.allows("Task")).as("tasks: true").isTrue();
    }

    @Test
    void defaultsAreTheTypeNameSharedNoDelegationAndTheDefaultToolSet() {
        var def = AgentDefinition.parse("helper", "---\ndescription: helps\ntools: Read, Write\n---\nbody");
        assertThat(def.name()).isEqualTo("helper");
        assertThat(def.tools()).containsExactly("Read", "Write");
        assertThat(def.model()).isNull();
        assertThat(def.isolation()).isEqualTo(AgentDefinition.Isolation.SHARED);
        assertThat(def.delegates()).isFalse();
        var plain = AgentDefinition.parse("x", "---\ndescription: d\n---\n");
        assertThat(plain.effectiveTools()).isEqualTo(AgentDefinition.DEFAULT_TOOLS);
        assertThat(plain.allows("Read")).isTrue();
        assertThat(plain.allows("send_message")).isTrue();
        assertThat(plain.allows("Bash")).as("a shell only when listed").isFalse();
        assertThat(plain.allows("register_group")).isFalse();
        assertThat(plain.allows("Task")).as("sub-agents only when tasks: true").isFalse();
        assertThat(plain.allows("start_teammate")).isFalse();
    }

    @Test
    void badFilesGiveOneLineMessagesNamingTheFileAndTheProblem() {
        assertThatThrownBy(() -> AgentDefinition.parse("Bad_Type", "---\ndescription: d\n---\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agents/Bad_Type.md").hasMessageContaining("[a-z0-9-]");
        assertThatThrownBy(() -> AgentDefinition.parse("a", "no frontmatter"))
                .hasMessageStartingWith("agents/a.md: the first line must be '---'");
        assertThatThrownBy(() -> AgentDefinition.parse("a", "---\nname: x\n---\n"))
                .hasMessage("agents/a.md: the frontmatter has no 'description'");
        assertThat(AgentDefinition.parse("a", "---\ndescription: d\n---\n")).isNotNull();
    }

    /** A frontmatter with one bad line, and what the message says about it. */
    static Stream<Arguments> badFrontmatter() {
        return Stream.of(
                arguments("---\ndescription: d\nisolation: vm\n---\n", "'isolation' must be shared or sandbox"),
                arguments("---\ndescription: d\ntasks: maybe\n---\n", "'tasks' must be true or false"),
                arguments("---\ndescription: d\ncolour: red\n---\n", "unknown key 'colour'"),
                arguments("---\ndescription: d\n", "never closed"),
                arguments("---\ndescription: d\ntools: [Read, rm -rf]\n---\n", "bad tool name 'rm -rf'"),
                arguments("---\ndescription: d\ntools: [Read\n---\n", "'tools' must be a list"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badFrontmatter")
    void aBadFrontmatterLineIsAOneLineMessageNamingTheFileAndTheProblem(String file, String problem) {
        assertThatThrownBy(() -> AgentDefinition.parse("a", file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("agents/a.md: ").hasMessageContaining(problem).hasMessageNotContaining("\n");
    }

    @Test
    void globalDefinitionsShipAResearcherInASandboxAndASharedWriter() {
        var global = AgentDefinition.global();
        assertThat(global).containsOnlyKeys("researcher", "writer");
        assertThat(global.get("researcher").isolation()).isEqualTo(AgentDefinition.Isolation.SANDBOX);
        assertThat(global.get("researcher").tools()).containsExactly("Read", "Grep", "Glob", "WebFetch", "Write");
        assertThat(global.get("writer").isolation()).isEqualTo(AgentDefinition.Isolation.SHARED);
        assertThat(global.get("writer").instructions()).isNotBlank();
    }

    @Test
    void aTeammateSetupRoundTripsThroughJsonAndOldStartsHaveNone() throws Exception {
        var def = AgentDefinition.global().get("researcher");
        var start = new AgentInput.Start("r1", "find x", null, new AgentInput.Group("main", "web:main", true),
                new AgentInput.Setup("Andy", "anthropic", null).asTeammate(def));
        String json = Json.MAPPER.writeValueAsString(start);
        assertThat(Json.MAPPER.readValue(json, AgentInput.class)).isEqualTo(start);
        var old = (AgentInput.Start) Json.MAPPER.readValue(
                "{\"type\":\"start\",\"runId\":\"r\",\"prompt\":\"p\",\"setup\":{\"assistantName\":\"Andy\"}}", AgentInput.class);
        assertThat(old.setup().teammate()).isNull();
        assertThat(HostTool.byWireName("start_teammate")).contains(HostTool.START_TEAMMATE);
    }
}
