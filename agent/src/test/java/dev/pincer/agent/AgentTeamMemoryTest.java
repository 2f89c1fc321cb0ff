package dev.pincer.agent;

import static dev.pincer.agent.AgentTeamTest.isSubAgent;
import static dev.pincer.agent.AgentTeamTest.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.protocol.AgentDefinition;
import dev.pincer.protocol.AgentInput;
import dev.pincer.protocol.HostResponse;
import dev.pincer.protocol.Json;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each agent type's own memory: a shared sub-agent's file tools stay out of other types' memory
 * folders; a sandboxed teammate runs with its definition's prompt, tools and memory; sub-agents
 * speak in the chat under their own name.
 */
class AgentTeamMemoryTest extends AgentRunFixture {

    @Test
    void aSharedSubAgentCannotReadAnotherTypesMemoryFile() throws Exception {
        Path agents = Files.createDirectories(h.group.resolve("agents"));
        Files.writeString(agents.resolve("critic.md"), "---\nname: Critic\ndescription: Reviews.\ntools: [Read, Grep, Glob, Write]\n---\nReview.\n");
        Path writerMemory = Files.createDirectories(agents.resolve("writer")).resolve("MEMORY.md");
        Files.writeString(writerMemory, "writer secret: the owner hates adverbs");
        Files.createDirectories(agents.resolve("critic"));
        Files.writeString(agents.resolve("critic/MEMORY.md"), "critic notes: check the numbers");
        Files.createSymbolicLink(h.group.resolve("shortcut"), agents.resolve("writer"));
        h.fake.respondWith(r -> {
            if (!isSubAgent(r, "Critic")) {
                return r.toolResults().isEmpty() ? Reply.toolUses(null, List.of(task("critic", "review"))) : Reply.text("ok");
            }
            return r.toolResults().isEmpty() ? Reply.toolUses(null, List.of(
                    new Reply.ToolCall("Read", Map.of("file_path", writerMemory.toString())),
                    new Reply.ToolCall("Read", Map.of("file_path", h.group.resolve("shortcut/MEMORY.md").toString())),
                    new Reply.ToolCall("Grep", Map.of("pattern", "secret|notes", "output_mode", "content")),
                    new Reply.ToolCall("Glob", Map.of("pattern", "**/MEMORY.md")),
                    new Reply.ToolCall("Write", Map.of("file_path", writerMemory.toString(), "content", "overwritten")),
                    new Reply.ToolCall("Read", Map.of("file_path", agents.resolve("critic/MEMORY.md").toString())),
                    new Reply.ToolCall("Read", Map.of("file_path", agents.resolve("critic.md").toString()))))
                    : Reply.text("reviewed");
        });

        assertThat(h.run(AgentHarness.start("review the draft", null))).isEqualTo(Agent.OK);

        RecordedRequest critic = h.fake.requests().stream().filter(r -> isSubAgent(r, "Critic")).toList().getLast();
        var results = critic.toolResults();
        assertThat(results.get(0).isError()).isTrue();
        assertThat(results.get(0).content()).startsWith("refused: " + writerMemory + " is another agent type's memory folder");
        assertThat(results.get(1).isError()).as("a link does not lead around the fence").isTrue();
        assertThat(results.get(2).content()).as("Grep leaves out other types' files")
                .contains("critic notes").doesNotContain("writer secret", "adverbs");
        assertThat(results.get(3).content()).contains(agents.resolve("critic/MEMORY.md").toString())
                .doesNotContain(writerMemory.toString());
        assertThat(results.get(4).isError()).isTrue();
        assertThat(Files.readString(writerMemory)).isEqualTo("writer secret: the owner hates adverbs");
        assertThat(results.get(5).content()).as("its own memory is open").contains("critic notes");
        assertThat(results.get(6).isError()).as("definitions are behind the fence too").isTrue();
        assertThat(critic.system()).contains("critic notes: check the numbers").doesNotContain("writer secret");
    }

    @Test
    void subAgentMessagesCarryTheirNameAsSender() throws Exception {
        Files.createDirectories(h.group.resolve("agents"));
        Files.writeString(h.group.resolve("agents/herald.md"), "---\nname: Herald\ndescription: Announces.\ntools: [send_message]\n---\nAnnounce.\n");
        try (FakeHost host = new FakeHost(h.ipc, r -> new HostResponse.Ok(r.id(), Json.MAPPER.createObjectNode().put("sent", true)))) {
            h.fake.respondWith(r -> {
                if (!isSubAgent(r, "Herald")) {
                    return r.toolResults().isEmpty() ? Reply.toolUses(null, List.of(task("herald", "announce"))) : Reply.text("ok");
                }
                return r.toolResults().isEmpty()
                        ? Reply.toolUse("send_message", Map.of("text", "Hear ye", "sender", "Andy"))
                        : Reply.text("announced");
            });

            assertThat(h.run(AgentHarness.start("announce it", null))).isEqualTo(Agent.OK);

            var sent = host.calls("send_message");
            assertThat(sent).hasSize(1);
            assertThat(sent.getFirst().args().path("text").asText()).isEqualTo("Hear ye");
            assertThat(sent.getFirst().args().path("sender").asText()).as("its name, whatever the model wrote").isEqualTo("Herald");
        }
    }

    @Test
    void aTeammateRunsWithItsDefinitionsPromptToolsAndMemoryAndAnswersOnce() throws Exception {
        Path memory = Files.createDirectories(h.root.resolve("memory"));
        Path scratch = Files.createDirectories(h.root.resolve("scratch"));
        Files.writeString(memory.resolve("MEMORY.md"), "scout memory: the library closes at 6");
        h.extraEnv.put("PINCER_TEAM_MEMORY_DIR", memory.toString());
        h.extraEnv.put("PINCER_TEAM_SCRATCH_DIR", scratch.toString());
        AgentDefinition scout = AgentDefinition.parse("scout", "---\nname: Scout\ndescription: Scouts.\n"
                + "tools: [Read, Write, send_message]\nisolation: sandbox\n---\nScout carefully.\n");
        try (FakeHost host = new FakeHost(h.ipc, r -> new HostResponse.Ok(r.id(), Json.MAPPER.createObjectNode().put("sent", true)))) {
            h.fake.enqueue(Reply.toolUses(null, List.of(
                            new Reply.ToolCall("send_message", Map.of("text", "on my way")),
                            new Reply.ToolCall("Write", Map.of("file_path", scratch.resolve("found.txt").toString(), "content", "x")),
                            new Reply.ToolCall("Write", Map.of("file_path", memory.resolve("MEMORY.md").toString(),
                                    "content", "scout memory: updated")))),
                    Reply.text("scout report"));
            var start = new AgentInput.Start("run-t", "find the library hours", null, new AgentInput.Group("main", "web:main", true),
                    new AgentInput.Setup("Andy", "anthropic", null).asTeammate(scout));

            assertThat(h.run(start)).isEqualTo(Agent.OK);

            RecordedRequest first = h.fake.requests().getFirst();
            assertThat(first.system()).startsWith("You are Scout, a sub-agent").contains("Scout carefully.",
                    "scout memory: the library closes at 6", scratch.toString(), "do not see the group's folder");
            assertThat(first.toolNames()).as("its allow list, no Task, no Bash").containsExactly("Read", "Write", "send_message");
            assertThat(h.fake.lastRequest().toolResults()).noneMatch(RecordedRequest.ToolResultView::isError);
            assertThat(scratch.resolve("found.txt")).exists();
            assertThat(Files.readString(memory.resolve("MEMORY.md"))).isEqualTo("scout memory: updated");
            assertThat(host.calls("send_message").getFirst().args().path("sender").asText()).isEqualTo("Scout");
            assertThat(h.messages()).containsExactly("scout report");
            assertThat(h.result().ok()).isTrue();
        }
    }

    @Test
    void aTeammateWhoseDefinitionDelegatesGetsTask() throws Exception {
        h.extraEnv.put("PINCER_TEAM_MEMORY_DIR", Files.createDirectories(h.root.resolve("memory")).toString());
        h.extraEnv.put("PINCER_TEAM_SCRATCH_DIR", Files.createDirectories(h.root.resolve("scratch")).toString());
        AgentDefinition lead = AgentDefinition.parse("lead", "---\ndescription: Leads.\ntools: [Read]\nisolation: sandbox\ntasks: true\n---\nLead.\n");
        h.fake.enqueue(Reply.text("led"));

        assertThat(h.run(new AgentInput.Start("run-t", "lead it", null, new AgentInput.Group("main", "web:main", true),
                new AgentInput.Setup("Andy", "anthropic", null).asTeammate(lead)))).isEqualTo(Agent.OK);

        assertThat(h.fake.lastRequest().toolNames()).containsExactly("Read", "Task");
        assertThat(h.messages()).containsExactly("led");
    }
}
