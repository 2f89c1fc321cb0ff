package dev.pincer.agent.tools;

import java.util.Objects;

/** What a tool returns to the model; {@code isError} marks a failure the model should see as such. */
public record ToolResult(String content, boolean isError) {

    public ToolResult {
        Objects.requireNonNull(content, "content");
    }

    public static ToolResult ok(String content) {
        return new ToolResult(content, false);
    }

    public static ToolResult error(String content) {
        return new ToolResult(content, true);
    }
}
