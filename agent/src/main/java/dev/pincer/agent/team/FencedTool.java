package dev.pincer.agent.team;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.agent.tools.Tool;
import dev.pincer.agent.tools.ToolResult;
import dev.pincer.agent.tools.ToolSpec;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A file tool (Read, Write, Edit, Glob, Grep) of a shared sub-agent behind its {@link MemoryFence}:
 * a path input behind the fence is refused, and lines of the result that name such a path are
 * left out (a search over the whole group folder).
 */
record FencedTool(Tool inner, MemoryFence fence) implements Tool {
    /** The tools a fence applies to. */
    static final Set<String> FILE_TOOLS = Set.of("Read", "Write", "Edit", "Glob", "Grep");
    private static final List<String> PATH_FIELDS = List.of("file_path", "path", "pattern");

    @Override
    public ToolSpec spec() {
        return inner.spec();
    }

    @Override
    public Duration timeout() {
        return inner.timeout();
    }

    @Override
    public ToolResult execute(JsonNode input) throws Exception {
        for (String field : PATH_FIELDS) {
            JsonNode v = input == null ? null : input.get(field);
            boolean isPath = !field.equals("pattern") || spec().name().equals("Glob") && v != null && v.asText().startsWith("/");
            if (v != null && v.isTextual() && isPath && fence.closes(literalPart(v.asText()))) {
                return ToolResult.error("refused: " + v.asText() + " is another agent type's memory folder or definition; "
                        + "a sub-agent may use only its own memory folder " + fence.ownFolder());
            }
        }
        ToolResult r = inner.execute(input);
        return new ToolResult(fence.filter(r.content()), r.isError());
    }

    /** The part of a glob pattern before its first wildcard. */
    private static String literalPart(String s) {
        int cut = s.length();
        for (char c : new char[] {'*', '?', '[', '{'}) {
            int i = s.indexOf(c);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        return s.substring(0, cut);
    }
}
