package dev.pincer.agent.team;

import dev.pincer.agent.skills.Skill;
import dev.pincer.agent.skills.SkillCatalog;
import dev.pincer.protocol.AgentDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The system prompt of a sub-agent or sandboxed teammate: who it is and who it works for, where it
 * works, its memory file (shown, and its to update), then its definition's instructions.
 */
public final class TeamPrompt {
    /** The memory file of every agent type, in its own folder. */
    public static final String MEMORY_FILE = "MEMORY.md";
    private static final int MAX_MEMORY_BYTES = 64 * 1024;

    private TeamPrompt() {}

    /**
     * Where the sub-agent works.
     *
     * @param workDir    its working directory
     * @param memoryFile its memory file (may not exist yet)
     * @param sandboxed  whether it runs in a sandbox of its own (the working directory is then the
     *                   scratch folder of the run's teammates, not the group folder)
     */
    public record Place(Path workDir, Path memoryFile, boolean sandboxed) {}

    public static String build(AgentDefinition def, String type, String assistantName, Place place) throws IOException {
        String parent = assistantName == null || assistantName.isBlank() ? "Andy" : assistantName;
        StringBuilder sb = new StringBuilder();
        sb.append("You are ").append(def.name()).append(", a sub-agent of type '").append(type).append("' working for ")
          .append(parent).append(", a personal assistant. ").append(parent).append(" gave you one task. ")
          .append("Your final answer is your report to ").append(parent).append(": it is not sent to any chat, so write it ")
          .append("for ").append(parent).append(" (what you did and found, with file paths and sources). You cannot ask ")
          .append("questions back: if something is missing, say so in your report.\n")
          .append("Your working directory is ").append(place.workDir());
        if (place.sandboxed()) {
            sb.append(": a scratch folder shared with the other teammates of this run. You run in a sandbox of your own ")
              .append("and do not see the group's folder.\n");
        } else {
            sb.append(": the group's folder, shared with ").append(parent)
              .append(". The other agent types' folders under agents/ are closed to you.\n");
        }
        sb.append("Your memory file is ").append(place.memoryFile()).append(": it is yours alone. When you learn something ")
          .append("that will help you with later tasks of this kind, update it with Write or Edit (keep it short).");
        if (!def.instructions().isBlank()) {
            sb.append("\n\n# Your instructions\n\n").append(def.instructions());
        }
        if (def.allows("Skill")) {
            sb.append("\n\n# Skills\n\nWhen a task matches one, load it with the Skill tool first and follow it:");
            for (Skill skill : SkillCatalog.standard(place.workDir().resolve("skills")).all()) {
                sb.append("\n- ").append(skill.name()).append(": ").append(skill.description().replace('\n', ' '));
            }
        }
        String memory = memory(place.memoryFile());
        if (!memory.isEmpty()) {
            sb.append("\n\n# Memory file ").append(place.memoryFile()).append("\n\n").append(memory);
        }
        return sb.toString();
    }

    private static String memory(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return "";
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_MEMORY_BYTES + 1);
        }
        String text = new String(bytes, 0, Math.min(bytes.length, MAX_MEMORY_BYTES), StandardCharsets.UTF_8).strip();
        return bytes.length > MAX_MEMORY_BYTES ? text + "\n\n[memory file truncated; read the rest with Read]" : text;
    }
}
