package dev.pincer.agent.llm;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One turn of the conversation: {@code {"role": "user"|"assistant", "content": [blocks]}}. */
public record ChatMessage(String role, List<ContentBlock> content) {
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";

    public ChatMessage {
        if (!USER.equals(role) && !ASSISTANT.equals(role)) {
            throw new IllegalArgumentException("role must be user or assistant, got " + role);
        }
        content = List.copyOf(Objects.requireNonNull(content, "content"));
    }

    public static ChatMessage user(List<ContentBlock> content) {
        return new ChatMessage(USER, content);
    }

    public static ChatMessage userText(String text) {
        return user(List.of(new ContentBlock.Text(text)));
    }

    public static ChatMessage assistant(List<ContentBlock> content) {
        return new ChatMessage(ASSISTANT, content);
    }

    @JsonIgnore
    public boolean isUser() {
        return USER.equals(role);
    }

    /** The tool calls of this turn, in order. */
    public List<ContentBlock.ToolUse> toolUses() {
        List<ContentBlock.ToolUse> uses = new ArrayList<>();
        for (ContentBlock b : content) {
            if (b instanceof ContentBlock.ToolUse u) {
                uses.add(u);
            }
        }
        return uses;
    }

    /** The text blocks joined, trimmed. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (ContentBlock b : content) {
            if (b instanceof ContentBlock.Text t) {
                sb.append(t.text());
            }
        }
        return sb.toString().strip();
    }

    /** This turn followed by the other turn's blocks (same role). */
    public ChatMessage merge(ChatMessage next) {
        if (!role.equals(next.role)) {
            throw new IllegalArgumentException("cannot merge a " + next.role + " turn into a " + role + " turn");
        }
        List<ContentBlock> all = new ArrayList<>(content);
        all.addAll(next.content);
        return new ChatMessage(role, all);
    }
}
