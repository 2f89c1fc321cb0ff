package dev.pincer.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code Write {file_path, content}}: writes a whole file, creating parent directories, replacing what was there. */
public final class WriteTool implements Tool {
    private static final JsonNode SCHEMA = ToolInputs.schema("""
            {"type": "object",
             "properties": {
               "file_path": {"type": "string", "description": "The absolute path to the file to write (must be absolute, not relative)"},
               "content": {"type": "string", "description": "The content to write to the file"}
             },
             "required": ["file_path", "content"], "additionalProperties": false}""");

    @Override
    public String name() {
        return "Write";
    }

    @Override
    public String description() {
        return "Writes a file to the local filesystem, overwriting it if it exists and creating missing parent "
                + "directories. file_path must be absolute. Prefer editing existing files over rewriting them.";
    }

    @Override
    public JsonNode inputSchema() {
        return SCHEMA;
    }

    @Override
    public ToolResult execute(JsonNode input) throws Exception {
        String raw = ToolInputs.requiredString(input, "file_path");
        String content = ToolInputs.requiredString(input, "content");
        Path path = Path.of(raw);
        if (!path.isAbsolute()) {
            return ToolResult.error("file_path must be an absolute path, got '" + raw + "'");
        }
        if (Files.isDirectory(path)) {
            return ToolResult.error(raw + " is a directory; give the path of a file inside it.");
        }
        boolean existed = Files.exists(path);
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Files.write(path, bytes);
        return ToolResult.ok((existed ? "File updated: " : "File created: ") + raw + " (" + bytes.length + " bytes)");
    }
}
