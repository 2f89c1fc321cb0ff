package dev.pincer.agent;

import dev.pincer.agent.skills.Skill;
import dev.pincer.agent.skills.SkillCatalog;
import dev.pincer.protocol.AgentInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * The system prompt of a run: who the assistant is and where it runs, then the memory files
 * ({@code CLAUDE.md}: global, the group's, and each extra mount's), each headed by its path in the
 * sandbox, then the skills by name and description.
 */
final class SystemPrompt {
    static final String MEMORY_FILE = "CLAUDE.md";
    static final String SKILLS_DIR = "skills";
    private static final int MAX_MEMORY_BYTES = 256 * 1024;

    private SystemPrompt() {}

    static String build(AgentInput.Start start, AgentConfig.Folders folders) throws IOException {
        String name = start.setup().assistantName() == null || start.setup().assistantName().isBlank() ? "Andy" : start.setup().assistantName();
        StringBuilder sb = new StringBuilder();
        sb.append("You are ").append(name).append(", a personal assistant. People talk to you from a chat app; ")
          .append("the user's messages arrive as <messages><message sender=\"...\" time=\"...\">...</message></messages>.\n")
          .append("You run in a sandbox: you see only the folders mounted into it, and the network only through a proxy. ")
          .append("Your working directory ").append(folders.group()).append(" is yours: keep files, notes and memory there. ")
          .append(folders.global()).append(" holds memory shared by all groups")
          .append(start.group().isMain() ? ".\n" : " (read-only for you).\n")
          .append(start.group().isMain() ? "This is the main group: the owner's own admin channel.\n" : "")
          .append("Your final answer is sent to the chat as a message, so write it for the chat. ")
          .append("Text inside <internal>...</internal> is not sent to the chat: use it for notes to yourself.\n")
          .append("Your memory is the CLAUDE.md files below: when asked to remember something, or when you learn a lasting ")
          .append("fact or preference, edit ").append(folders.group().resolve(MEMORY_FILE))
          .append(" (keep it short and organised); keep longer notes as files in ").append(folders.group().resolve("notes"))
          .append(". To recall something from before this conversation (an archived conversation, a note, an older message), ")
          .append("use memory_search.");
        appendMemory(sb, folders.global().resolve(MEMORY_FILE));
        appendMemory(sb, folders.group().resolve(MEMORY_FILE));
        for (Path extra : extraMounts(folders.extra())) {
            appendMemory(sb, extra.resolve(MEMORY_FILE));
        }
        appendSkills(sb, SkillCatalog.standard(folders.group().resolve(SKILLS_DIR)).all(), folders.group().resolve(SKILLS_DIR));
        return sb.toString();
    }

    /** The folders under {@code /workspace/extra}, sorted by name (none when it does not exist). */
    private static List<Path> extraMounts(Path extraDir) throws IOException {
        if (!Files.isDirectory(extraDir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(extraDir)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static void appendSkills(StringBuilder sb, Collection<Skill> skills, Path groupSkills) {
        sb.append("\n\n# Skills\n\nSkills are instructions for kinds of tasks. When a task matches one, call the Skill tool ")
          .append("with its name before you start, and follow what it says. You can add skills of your own as ")
          .append(groupSkills).append("/<name>/SKILL.md (frontmatter `name` and `description` between `---` lines, then the instructions).");
        if (skills.isEmpty()) {
            sb.append("\nNo skills are available yet.");
        }
        for (Skill s : skills) {
            sb.append("\n- ").append(s.name()).append(": ").append(s.description().replace('\n', ' '));
        }
    }

    private static void appendMemory(StringBuilder sb, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_MEMORY_BYTES + 1);
        }
        boolean cut = bytes.length > MAX_MEMORY_BYTES;
        String text = new String(bytes, 0, Math.min(bytes.length, MAX_MEMORY_BYTES), StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return;
        }
        sb.append("\n\n# Memory file ").append(file).append("\n\n").append(text);
        if (cut) {
            sb.append("\n\n[memory file truncated at ").append(MAX_MEMORY_BYTES).append(" bytes; read the rest with Read]");
        }
    }
}
