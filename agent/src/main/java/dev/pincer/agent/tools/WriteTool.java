package dev.pincer.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code Write {file_path, content}}: writes a whole file, creating parent directories, replacing what was there. */
public final class WriteTool implements Tool {
    private static final JsonNode SCHEMA = ToolInputs.schema("""
            {"type": "object",
             "properties": {
               "file_path": {"type": "string", "description": "The absolute path to the file to write (must be absolute, not relative)"},
               "content": {"type": "string", "description": "The content to write to the file"}
             },
             "required": ["file_path", "content"], "additionalProperties": false}""");

    private final Supplier<MountTable> mounts;
    private final FileLocks locks;

    public WriteTool() {
        this(MountTable::current, new FileLocks());
    }

    /** @param locks shared with the other tools that change files, so parallel calls never interleave on one file */
    public WriteTool(FileLocks locks) {
        this(MountTable::current, locks);
    }

    /** @param mounts the mount table (tests pass their own) */
    WriteTool(Supplier<MountTable> mounts) {
        this(mounts, new FileLocks());
    }

    private WriteTool(Supplier<MountTable> mounts, FileLocks locks) {
        this.mounts = mounts;
        this.locks = locks;
    }

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
        return locks.with(Path.of(ToolInputs.requiredString(input, "file_path")), () -> change(input));
    }

    private ToolResult change(JsonNode input) throws Exception {
        String raw = ToolInputs.requiredString(input, "file_path");
        String content = ToolInputs.requiredString(input, "content");
        Path path = Path.of(raw);
        if (!path.isAbsolute()) {
            return ToolResult.error("file_path must be an absolute path, got '" + raw + "'");
        }
        if (Files.isDirectory(path)) {
            return ToolResult.error(raw + " is a directory; give the path of a file inside it.");
        }
        Optional<String> throwaway = mounts.get().throwawayRootProblem(path);
        if (throwaway.isPresent()) {
            return FileErrors.throwaway("write", raw, throwaway.get());
        }
        boolean existed = Files.exists(path);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Files.write(path, bytes);
        } catch (IOException e) {
            return FileErrors.of("write", raw, e);
        }
        return ToolResult.ok((existed ? "File updated: " : "File created: ") + raw + " (" + bytes.length + " bytes)");
    }
}
