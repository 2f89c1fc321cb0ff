package dev.pincer.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code Glob {pattern, path?}}: files whose path relative to {@code path} (default: the
 * workspace) matches the glob, as absolute paths, most recently modified first, at most
 * {@link #MAX_RESULTS}.
 *
 * @param workDir the workspace: the default and the base of relative paths
 */
public record GlobTool(Path workDir) implements Tool {
    public static final int MAX_RESULTS = 100;
    private static final JsonNode SCHEMA = ToolInputs.schema("""
            {"type": "object",
             "properties": {
               "pattern": {"type": "string", "description": "The glob pattern to match files against"},
               "path": {"type": "string", "description": "The directory to search in. If not specified, the current working directory will be used. IMPORTANT: Omit this field to use the default directory. DO NOT enter \\"undefined\\" or \\"null\\" - simply omit it for the default behavior. Must be a valid directory path if provided."}
             },
             "required": ["pattern"], "additionalProperties": false}""");

    @Override
    public ToolSpec spec() {
        return new ToolSpec("Glob",
                "Fast file pattern matching. Supports glob patterns like \"**/*.js\" or \"src/**/*.ts\" ('*' within a "
                + "folder name, '**' across folders, {a,b} alternatives). Returns absolute paths of matching files, "
                + "most recently modified first, at most " + MAX_RESULTS + ". Searches " + workDir
                + " unless path is given. Use it to find files by name; use Grep to search their contents.",
                SCHEMA);
    }

    @Override
    public ToolResult execute(JsonNode input) throws Exception {
        String pattern = ToolInputs.requiredString(input, "pattern").strip();
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("`pattern` is empty");
        }
        String rawPath = input.path("path").isTextual() ? input.path("path").asText() : null;
        if (pattern.startsWith("/")) {
            // An absolute pattern: its literal leading folders become the root.
            int split = literalPrefixEnd(pattern);
            rawPath = pattern.substring(0, Math.max(1, split));
            pattern = pattern.substring(split + 1);
        }
        Path root = SearchRoot.resolve(workDir, rawPath, false);
        GlobPattern glob = GlobPattern.compile(pattern);
        FileTree.Found found = FileTree.walk(root, e -> glob.matches(e.relative()));
        List<FileTree.Entry> files = found.newestFirst();
        StringBuilder out = new StringBuilder();
        if (files.isEmpty()) {
            out.append("No files found");
        }
        files.stream().limit(MAX_RESULTS).forEach(e -> out.append(e.path()).append('\n'));
        if (files.size() > MAX_RESULTS) {
            out.append("(Results are truncated: showing the ").append(MAX_RESULTS).append(" most recently modified of ")
                    .append(files.size()).append(" files. Consider using a more specific path or pattern.)\n");
        }
        appendWalkNotes(out, found);
        return ToolResult.ok(out.toString().stripTrailing());
    }

    /** Index of the '/' that ends the longest prefix of folders without glob characters. */
    private static int literalPrefixEnd(String pattern) {
        int meta = pattern.length();
        for (char c : new char[] {'*', '?', '[', '{', '\\'}) {
            int i = pattern.indexOf(c);
            if (i >= 0) {
                meta = Math.min(meta, i);
            }
        }
        return pattern.lastIndexOf('/', meta == pattern.length() ? pattern.length() - 1 : meta);
    }

    static void appendWalkNotes(StringBuilder out, FileTree.Found found) {
        if (found.stopped()) {
            out.append("\n(The search stopped after ").append(FileTree.MAX_VISITED)
                    .append(" files; narrow it with path.)");
        }
        if (found.unreadable() > 0) {
            out.append("\n(").append(found.unreadable()).append(" folder(s) or file(s) could not be read and were skipped.)");
        }
    }
}
