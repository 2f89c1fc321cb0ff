package dev.pincer.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool that changes the file at its input's {@code file_path} (Write, Edit): {@link FileChanges}
 * checks the path and holds the file's lock while the change runs.
 */
abstract sealed class FileChangeTool implements Tool permits EditTool, WriteTool {
    private final ToolSpec spec;
    private final String action;
    private final FileChanges changes;

    /**
     * @param action  what the tool does, for error messages, e.g. {@code "write"}
     * @param changes shared with the other tools that change files, so parallel calls never interleave on one file
     */
    FileChangeTool(ToolSpec spec, String action, FileChanges changes) {
        this.spec = spec;
        this.action = action;
        this.changes = changes;
    }

    @Override
    public final ToolSpec spec() {
        return spec;
    }

    @Override
    public final ToolResult execute(JsonNode input) throws Exception {
        return changes.apply(input, action, change(input));
    }

    /**
     * The change {@code input} asks for, made once the path passed the checks. The input's other
     * fields are read here, so a missing one fails before the file is looked at.
     */
    abstract FileChanges.Change change(JsonNode input);
}
