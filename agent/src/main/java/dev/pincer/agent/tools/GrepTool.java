package dev.pincer.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code Grep {pattern, path?, glob?, output_mode?, -B?, -A?, -C?, -n?, -i?, type?, head_limit?,
 * multiline?}}: a Java regular expression over the text files under {@code path} (default: the
 * workspace). Binary files (a NUL byte in the first 8 KiB), files over 10 MiB and {@code .git}
 * folders are skipped.
 *
 * @param workDir the workspace: the default and the base of relative paths
 */
public record GrepTool(Path workDir) implements Tool {
    private static final JsonNode SCHEMA = ToolInputs.schema("""
            {"type": "object",
             "properties": {
               "pattern": {"type": "string", "description": "The regular expression pattern to search for in file contents"},
               "path": {"type": "string", "description": "File or directory to search in (rg PATH). Defaults to current working directory."},
               "glob": {"type": "string", "description": "Glob pattern to filter files (e.g. \\"*.js\\", \\"*.{ts,tsx}\\") - maps to rg --glob"},
               "output_mode": {"type": "string", "enum": ["content", "files_with_matches", "count"], "description": "Output mode: \\"content\\" shows matching lines (supports -A/-B/-C context, -n line numbers, head_limit), \\"files_with_matches\\" shows file paths (supports head_limit), \\"count\\" shows match counts (supports head_limit). Defaults to \\"files_with_matches\\"."},
               "-B": {"type": "number", "description": "Number of lines to show before each match (rg -B). Requires output_mode: \\"content\\", ignored otherwise."},
               "-A": {"type": "number", "description": "Number of lines to show after each match (rg -A). Requires output_mode: \\"content\\", ignored otherwise."},
               "-C": {"type": "number", "description": "Number of lines to show before and after each match (rg -C). Requires output_mode: \\"content\\", ignored otherwise."},
               "-n": {"type": "boolean", "description": "Show line numbers in output (rg -n). Requires output_mode: \\"content\\", ignored otherwise. Defaults to true."},
               "-i": {"type": "boolean", "description": "Case insensitive search (rg -i)"},
               "type": {"type": "string", "description": "File type to search (rg --type). Common types: js, py, rust, go, java, etc. More efficient than include for standard file types."},
               "head_limit": {"type": "number", "description": "Limit output to first N lines/entries, equivalent to \\"| head -N\\". Works across all output modes: content (limits output lines), files_with_matches (limits file paths), count (limits count entries). When unspecified, shows all results."},
               "multiline": {"type": "boolean", "description": "Enable multiline mode where . matches newlines and patterns can span lines (rg -U --multiline-dotall). Default: false."}
             },
             "required": ["pattern"], "additionalProperties": false}""");

    @Override
    public ToolSpec spec() {
        return new ToolSpec("Grep",
                "Searches file contents with a Java regular expression (like ripgrep: \"log.*Error\", \"function\\\\s+\\\\w+\"). "
                + "Filter files with glob (\"*.js\", \"**/*.tsx\") or type (\"py\", \"java\"). output_mode \"content\" "
                + "shows matching lines as path:line:text, \"files_with_matches\" (default) lists files, most recently "
                + "modified first, \"count\" gives matching lines per file. Searches " + workDir + " unless path is "
                + "given; skips binary files, files over 10 MiB and .git folders. Use it instead of grep or rg in Bash.",
                SCHEMA);
    }

    @Override
    public ToolResult execute(JsonNode input) throws Exception {
        String regex = ToolInputs.requiredString(input, "pattern");
        GrepOutput.Mode mode = GrepOutput.Mode.parse(input.path("output_mode").asText(null));
        int context = count(input, "-C", 0);
        GrepOutput output = new GrepOutput(new GrepOutput.Format(mode, input.path("-n").asBoolean(true),
                count(input, "-B", context), count(input, "-A", context), count(input, "head_limit", 0)));
        boolean multiline = input.path("multiline").asBoolean(false);
        Pattern pattern;
        try {
            int flags = (input.path("-i").asBoolean(false) ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0)
                    | (multiline ? Pattern.DOTALL | Pattern.MULTILINE : 0);
            pattern = Pattern.compile(regex, flags);
        } catch (PatternSyntaxException e) {
            return ToolResult.error("Invalid regular expression (Java syntax): " + e.getMessage());
        }
        Path root = SearchRoot.resolve(workDir, input.path("path").asText(null), true);
        Predicate<FileTree.Entry> filter = filter(input.path("glob").asText(null), input.path("type").asText(null));
        boolean single = Files.isRegularFile(root);
        FileTree.Found found = FileTree.walk(root, filter);
        int binary = 0;
        int tooLarge = 0;
        int unreadable = 0;
        for (FileTree.Entry e : found.byPath()) {
            if (Thread.interrupted()) {
                throw new InterruptedException("Grep was interrupted");
            }
            if (e.size() > TextFile.MAX_BYTES) {
                tooLarge++;
                continue;
            }
            try {
                if (TextFile.isBinary(e.path())) {
                    binary++;
                    continue;
                }
                if (!output.add(e, TextFile.search(e.path(), pattern, multiline))) {
                    break;
                }
            } catch (IOException ex) {
                if (single) {
                    return FileErrors.of("search", root.toString(), ex);
                }
                unreadable++;
            }
        }
        if (single && binary > 0) {
            return ToolResult.error(root + " is a binary file (it has a NUL byte in its first 8 KiB); Grep searches text files only.");
        }
        if (single && tooLarge > 0) {
            return ToolResult.error(root + " is larger than 10 MiB; Grep skips such files. Use Bash (grep, head) on it instead.");
        }
        StringBuilder notes = new StringBuilder();
        if (binary > 0) {
            notes.append("\n(Skipped ").append(binary).append(" binary file(s).)");
        }
        if (tooLarge > 0) {
            notes.append("\n(Skipped ").append(tooLarge).append(" file(s) over 10 MiB.)");
        }
        if (unreadable > 0) {
            notes.append("\n(").append(unreadable).append(" file(s) could not be read.)");
        }
        GlobTool.appendWalkNotes(notes, found);
        return ToolResult.ok(output.render(notes.toString()));
    }

    private static Predicate<FileTree.Entry> filter(String glob, String type) {
        Predicate<FileTree.Entry> p = e -> true;
        if (glob != null && !glob.isBlank()) {
            String g = glob.strip();
            boolean negated = g.startsWith("!");
            GlobPattern pattern = GlobPattern.compile(negated ? g.substring(1) : g);
            Predicate<FileTree.Entry> m = e -> pattern.matches(pattern.hasSeparator() ? e.relative() : e.path().getFileName().toString());
            p = negated ? m.negate() : m;
        }
        if (type != null && !type.isBlank()) {
            List<GlobPattern> names = FileTypes.globs(type);
            p = p.and(e -> names.stream().anyMatch(n -> n.matches(e.path().getFileName().toString())));
        }
        return p;
    }

    private static int count(JsonNode input, String field, int fallback) {
        long n = ToolInputs.optionalLong(input, field, fallback);
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("`" + field + "` must be zero or a positive number");
        }
        return (int) n;
    }
}
