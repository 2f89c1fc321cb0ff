package dev.pincer.agent.skills;

import java.util.Objects;

/**
 * A skill: instructions the agent loads on demand with the {@code Skill} tool.
 *
 * @param name        the {@code name} of its frontmatter (what the model passes to {@code Skill})
 * @param description when to use it; goes into the system prompt
 * @param body        the instructions after the frontmatter
 * @param origin      where it came from (a path, or {@code built-in}), for messages
 */
public record Skill(String name, String description, String body, String origin) {

    public Skill {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(origin, "origin");
    }

    /**
     * Reads a {@code SKILL.md}.
     *
     * @param folderName the skill's folder, used when the frontmatter has no {@code name}
     * @throws IllegalArgumentException when the frontmatter is malformed or has no {@code description}
     */
    public static Skill parse(String text, String folderName, String origin) {
        Frontmatter fm = Frontmatter.parse(text);
        String name = fm.get("name");
        String description = fm.get("description");
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException(origin + " has no 'description' in its frontmatter");
        }
        return new Skill(name == null || name.isBlank() ? folderName : name.strip(), description.strip(), fm.body(), origin);
    }
}
