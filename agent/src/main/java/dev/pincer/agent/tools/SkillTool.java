package dev.pincer.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.agent.skills.Skill;
import dev.pincer.agent.skills.SkillCatalog;
import java.util.stream.Collectors;

/**
 * {@code Skill {skill}}: loads a skill's instructions (the body of its {@code SKILL.md}). The
 * system prompt lists the skills by name and description; the body costs context only when used.
 */
public record SkillTool(SkillCatalog catalog) implements Tool {
    private static final ToolSpec SPEC = new ToolSpec("Skill",
            "Loads a skill: instructions for a kind of task. When a task matches a skill listed in the system "
                    + "prompt, call this tool with the skill's name first and follow the instructions it returns.",
            ToolInputs.schema("""
            {"type": "object",
             "properties": {
               "skill": {"type": "string", "description": "The skill name (no arguments). E.g., \\"schedule-tasks\\""}
             },
             "required": ["skill"], "additionalProperties": false}"""));

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult execute(JsonNode input) {
        String name = ToolInputs.requiredString(input, "skill").strip();
        return catalog.find(name)
                .map(s -> ToolResult.ok("Skill " + s.name() + " (" + s.origin() + "):\n\n" + s.body()))
                .orElseGet(() -> ToolResult.error("There is no skill named '" + name + "'. Available skills: "
                        + available() + "."));
    }

    private String available() {
        String names = catalog.all().stream().map(Skill::name).collect(Collectors.joining(", "));
        return names.isEmpty() ? "none" : names;
    }
}
