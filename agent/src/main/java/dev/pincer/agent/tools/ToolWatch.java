package dev.pincer.agent.tools;

import dev.pincer.agent.llm.ContentBlock;

/**
 * Hears tool calls begin and end (for the live view of a run). Called on the calls' own threads,
 * concurrently; {@link #ended} comes once per call, also for a call that timed out.
 */
public interface ToolWatch {

    ToolWatch NONE = new ToolWatch() {
        @Override
        public void started(ContentBlock.ToolUse call) {
        }

        @Override
        public void ended(ContentBlock.ToolUse call, long durationMs, ToolResult result) {
        }
    };

    void started(ContentBlock.ToolUse call);

    void ended(ContentBlock.ToolUse call, long durationMs, ToolResult result);
}
