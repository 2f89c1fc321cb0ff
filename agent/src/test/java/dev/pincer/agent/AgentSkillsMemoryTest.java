package dev.pincer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Memory files and skills as the model sees them: in the system prompt, and through the Skill tool. */
class AgentSkillsMemoryTest extends AgentRunFixture {

    @BeforeEach
    void setUp() throws Exception {
        h.extraEnv.put("PINCER_EXTRA_DIR", tmp.resolve("extra").toString());
    }

    private static void skill(Path skills, String folder, String text) throws Exception {
        Files.createDirectories(skills.resolve(folder));
        Files.writeString(skills.resolve(folder).resolve("SKILL.md"), text);
    }

    @Test
    void theSystemPromptCarriesGlobalGroupAndExtraMountMemoryWithTheirPaths() throws Exception {
        Files.writeString(h.global.resolve("CLAUDE.md"), "GLOBAL-FACT: the owner is Sam");
        Files.writeString(h.group.resolve("CLAUDE.md"), "GROUP-FACT: dinner is at 7");
        Path docs = Files.createDirectories(tmp.resolve("extra/docs"));
        Files.writeString(docs.resolve("CLAUDE.md"), "EXTRA-FACT: the docs are in French");
        Files.createDirectories(tmp.resolve("extra/code")); // no CLAUDE.md: nothing added
        h.fake.enqueue(Reply.text("ok"));

        assertThat(h.run(AgentHarness.start("hi", null))).isEqualTo(Agent.OK);

        String system = h.fake.lastRequest().system();
        assertThat(system)
                .contains("# Memory file " + h.global.resolve("CLAUDE.md") + "\n\nGLOBAL-FACT: the owner is Sam")
                .contains("# Memory file " + h.group.resolve("CLAUDE.md") + "\n\nGROUP-FACT: dinner is at 7")
                .contains("# Memory file " + docs.resolve("CLAUDE.md") + "\n\nEXTRA-FACT: the docs are in French")
                .doesNotContain(tmp.resolve("extra/code").resolve("CLAUDE.md").toString())
                .contains("<internal>")
                .contains("edit " + h.group.resolve("CLAUDE.md"))
                .contains("keep longer notes as files in " + h.group.resolve("notes"))
                .contains("use memory_search");
        assertThat(system.indexOf("GLOBAL-FACT")).isLessThan(system.indexOf("GROUP-FACT"));
        assertThat(system.indexOf("GROUP-FACT")).isLessThan(system.indexOf("EXTRA-FACT"));
    }

    @Test
    void skillsAreListedAndTheSkillToolLoadsBodiesWithGroupOverridesAndErrors() throws Exception {
        Path skills = h.group.resolve("skills");
        skill(skills, "recipes", "---\nname: recipes\ndescription: \"How to file family recipes\"\n---\nRECIPES-BODY: one file per dish");
        h.fake.enqueue(Reply.toolUses(null, List.of(
                        new Reply.ToolCall("Skill", Map.of("skill", "schedule-tasks")),
                        new Reply.ToolCall("Skill", Map.of("skill", "recipes")),
                        new Reply.ToolCall("Skill", Map.of("skill", "juggling")))),
                Reply.toolUse("Bash", Map.of("command", "mkdir -p skills/schedule-tasks && printf -- '---\\nname: schedule-tasks\\n"
                        + "description: our own scheduling rules\\n---\\nGROUP-SCHEDULING-BODY' > skills/schedule-tasks/SKILL.md")),
                Reply.toolUse("Skill", Map.of("skill", "schedule-tasks")),
                Reply.text("done"));

        assertThat(h.run(AgentHarness.start("hi", null))).isEqualTo(Agent.OK);

        List<RecordedRequest> requests = h.fake.requests();
        assertThat(requests).hasSize(4);
        RecordedRequest first = requests.get(0);
        assertThat(first.toolNames()).contains("Skill");
        assertThat(first.system()).contains("# Skills")
                .containsPattern("- recipes: How to file family recipes")
                .containsPattern("- schedule-tasks: How to set up reminders and recurring jobs well")
                .doesNotContain("RECIPES-BODY").doesNotContain("Pick the schedule type");

        List<RecordedRequest.ToolResultView> results = requests.get(1).toolResults();
        assertThat(results).hasSize(3);
        assertThat(results.get(0).isError()).isFalse();
        assertThat(results.get(0).content()).contains("Pick the schedule type").contains("context_mode").contains("isolated");
        assertThat(results.get(1).content()).contains("RECIPES-BODY: one file per dish");
        assertThat(results.get(2).isError()).isTrue();
        assertThat(results.get(2).content()).contains("no skill named 'juggling'").contains("recipes").contains("schedule-tasks");

        RecordedRequest.ToolResultView overridden = requests.get(3).toolResults().getFirst();
        assertThat(overridden.isError()).isFalse();
        assertThat(overridden.content()).contains("GROUP-SCHEDULING-BODY").doesNotContain("Pick the schedule type");
    }
}
