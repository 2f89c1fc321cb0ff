package dev.pincer.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** {@code Write {file_path, content}}: writes a whole file, creating parent directories, replacing what was there. */
public final class WriteTool extends FileChangeTool {
    private static final ToolSpec SPEC = new ToolSpec("Write",
            "Writes a file to the local filesystem, overwriting it if it exists and creating missing parent "
                    + "directories. file_path must be absolute. Prefer editing existing files over rewriting them.",
            ToolInputs.schema("""
            {"type": "object",
             "properties": {
               "file_path": {"type": "string", "description": "The absolute path to the file to write (must be absolute, not relative)"},
               "content": {"type": "string", "description": "The content to write to the file"}
             },
             "required": ["file_path", "content"], "additionalProperties": false}"""));

    WriteTool(FileChanges changes) {
        super(SPEC, changes);
    }

    @Override
    FileChanges.Change change(JsonNode input) {
        String content = ToolInputs.requiredString(input, "content");
        return (path, raw) -> {
            boolean existed = Files.exists(path);
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            try {
                FileChanges.write(path, bytes);
            } catch (IOException e) {
                return FileErrors.of("write", raw, e);
            }
            return ToolResult.ok((existed ? "File updated: " : "File created: ") + raw + " (" + bytes.length + " bytes)");
        };
    }
}
