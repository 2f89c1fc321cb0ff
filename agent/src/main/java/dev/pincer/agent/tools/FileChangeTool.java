package dev.pincer.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * A tool that changes the file at its input's {@code file_path} (Write, Edit): {@link FileChanges}
 * checks the path and holds the file's lock while the change runs.
 */
abstract sealed class FileChangeTool implements Tool permits EditTool, WriteTool {
    private final ToolSpec spec;
    private final FileChanges changes;

    /**
     * @param spec    its name in lower case says what the tool does, for error messages, e.g. {@code "write"}
     * @param changes shared with the other tools that change files, so parallel calls never interleave on one file
     */
    FileChangeTool(ToolSpec spec, FileChanges changes) {
        this.spec = spec;
        this.changes = changes;
    }

    @Override
    public final ToolSpec spec() {
        return spec;
    }

    @Override
    public final ToolResult execute(JsonNode input) throws Exception {
        return changes.apply(input, spec.name().toLowerCase(Locale.ROOT), change(input));
    }

    /**
     * The change {@code input} asks for, made once the path passed the checks. The input's other
     * fields are read here, so a missing one fails before the file is looked at.
     */
    abstract FileChanges.Change change(JsonNode input);
}
