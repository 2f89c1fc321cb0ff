package dev.pincer.agent.llm;

import dev.pincer.protocol.Usage;
import java.util.List;

/**
 * One complete answer of the model.
 *
 * @param content    the assistant's blocks, in order (only finished blocks)
 * @param stopReason {@code end_turn}, {@code tool_use}, {@code max_tokens}, {@code stop_sequence}, ...
 * @param usage      the tokens of this call
 */
public record ModelTurn(List<ContentBlock> content, String stopReason, Usage usage) {
    public static final String TOOL_USE = "tool_use";
    /** Anthropic paused a long server-tool turn; sending the conversation back continues it. */
    public static final String PAUSE_TURN = "pause_turn";

    public ModelTurn {
        content = List.copyOf(content);
    }

    public boolean wantsTools() {
        return TOOL_USE.equals(stopReason) && !message().toolUses().isEmpty();
    }

    public boolean paused() {
        return PAUSE_TURN.equals(stopReason);
    }

    public ChatMessage message() {
        return ChatMessage.assistant(content);
    }
}
