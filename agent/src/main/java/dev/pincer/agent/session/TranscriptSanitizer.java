package dev.pincer.agent.session;

import dev.pincer.agent.llm.ChatMessage;
import dev.pincer.agent.llm.ContentBlock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes a loaded transcript a valid conversation again after a crash or a half-written file:
 * consecutive turns of one role are merged, the conversation starts with a user turn, every
 * {@code tool_use} is answered by the next turn's {@code tool_result}s. At the first turn that
 * breaks these rules the rest is dropped (a trailing assistant {@code tool_use} turn without
 * results is the usual case). A trailing user turn is kept: the next prompt is appended to it.
 */
public final class TranscriptSanitizer {
    private TranscriptSanitizer() {}

    public static List<ChatMessage> sanitize(List<ChatMessage> loaded) {
        List<ChatMessage> merged = new ArrayList<>();
        for (ChatMessage m : loaded) {
            if (m.content().isEmpty()) {
                continue;
            }
            if (merged.isEmpty() && !m.isUser()) {
                continue;
            }
            if (!merged.isEmpty() && merged.getLast().role().equals(m.role())) {
                merged.set(merged.size() - 1, merged.getLast().merge(m));
            } else {
                merged.add(m);
            }
        }
        List<ChatMessage> valid = new ArrayList<>();
        for (int i = 0; i < merged.size(); i++) {
            ChatMessage m = merged.get(i);
            ChatMessage previous = valid.isEmpty() ? null : valid.getLast();
            if (m.isUser() && !resultsMatch(previous, m)) {
                break;
            }
            if (!m.isUser() && !m.toolUses().isEmpty()
                    && (i + 1 >= merged.size() || !resultsMatch(m, merged.get(i + 1)))) {
                break;
            }
            valid.add(m);
        }
        return valid;
    }

    /** Whether {@code user} answers exactly the tool calls of {@code assistant}, results first. */
    private static boolean resultsMatch(ChatMessage assistant, ChatMessage user) {
        Set<String> calls = new HashSet<>();
        if (assistant != null) {
            assistant.toolUses().forEach(u -> calls.add(u.id()));
        }
        Set<String> answered = new HashSet<>();
        boolean seenOther = false;
        for (ContentBlock b : user.content()) {
            if (b instanceof ContentBlock.ToolResult r) {
                if (seenOther || !calls.contains(r.toolUseId())) {
                    return false;
                }
                answered.add(r.toolUseId());
            } else if (b instanceof ContentBlock.ToolUse) {
                return false;
            } else {
                seenOther = true;
            }
        }
        return answered.equals(calls);
    }
}
