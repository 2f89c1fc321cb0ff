package dev.pincer.agent;

import dev.pincer.protocol.AgentInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The system prompt of a run: who the assistant is and where it runs, then the global and the
 * group's memory files ({@code CLAUDE.md}), each headed by its path in the sandbox.
 */
final class SystemPrompt {
    static final String MEMORY_FILE = "CLAUDE.md";
    private static final int MAX_MEMORY_BYTES = 256 * 1024;

    private SystemPrompt() {}

    static String build(AgentInput.Start start, AgentConfig config) throws IOException {
        String name = start.assistantName() == null || start.assistantName().isBlank() ? "Andy" : start.assistantName();
        StringBuilder sb = new StringBuilder();
        sb.append("You are ").append(name).append(", a personal assistant. People talk to you from a chat app; ")
          .append("the user's messages arrive as <messages><message sender=\"...\" time=\"...\">...</message></messages>.\n")
          .append("You run in a sandbox: you see only the folders mounted into it, and the network only through a proxy. ")
          .append("Your working directory ").append(config.groupDir()).append(" is yours: keep files, notes and memory there. ")
          .append(config.globalDir()).append(" holds memory shared by all groups")
          .append(start.isMain() ? ".\n" : " (read-only for you).\n")
          .append(start.isMain() ? "This is the main group: the owner's own admin channel.\n" : "")
          .append("Your final answer is sent to the chat as a message, so write it for the chat. ")
          .append("Text inside <internal>...</internal> is not sent to the chat: use it for notes to yourself.\n")
          .append("When asked to remember something, write it to ").append(config.groupDir().resolve(MEMORY_FILE)).append('.');
        appendMemory(sb, config.globalDir().resolve(MEMORY_FILE));
        appendMemory(sb, config.groupDir().resolve(MEMORY_FILE));
        return sb.toString();
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
