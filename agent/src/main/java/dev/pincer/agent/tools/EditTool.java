package dev.pincer.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code Edit {file_path, old_string, new_string, replace_all?}}: exact string replacement in a
 * UTF-8 text file. {@code old_string} must occur exactly once unless {@code replace_all} is set;
 * an empty {@code old_string} creates a file that does not exist yet (as Claude Code does).
 */
public final class EditTool extends FileChangeTool {
    /** Larger files are refused: an edit reads and rewrites the whole file in memory. */
    public static final long MAX_FILE_BYTES = 10L * 1024 * 1024;
    private static final int SNIPPET_CONTEXT = 4;
    private static final ToolSpec SPEC = new ToolSpec("Edit",
            "Performs exact string replacements in a file. file_path must be absolute. The edit fails if "
                    + "old_string is not found, or if it occurs more than once and replace_all is not set: then give "
                    + "more surrounding context to make it unique, or set replace_all to change every occurrence. "
                    + "Preserve the exact indentation of the file (line-number prefixes from Read are not part of "
                    + "the file). An empty old_string creates a new file.",
            ToolInputs.schema("""
            {"type": "object",
             "properties": {
               "file_path": {"type": "string", "description": "The absolute path to the file to modify"},
               "old_string": {"type": "string", "description": "The text to replace"},
               "new_string": {"type": "string", "description": "The text to replace it with (must be different from old_string)"},
               "replace_all": {"type": "boolean", "default": false, "description": "Replace all occurences of old_string (default false)"}
             },
             "required": ["file_path", "old_string", "new_string"], "additionalProperties": false}"""));

    EditTool(FileChanges changes) {
        super(SPEC, changes);
    }

    @Override
    FileChanges.Change change(JsonNode input) {
        String oldString = ToolInputs.requiredString(input, "old_string");
        String newString = ToolInputs.requiredString(input, "new_string");
        boolean replaceAll = input.path("replace_all").asBoolean(false);
        return (path, raw) -> {
            if (oldString.equals(newString)) {
                return ToolResult.error("No changes to make: old_string and new_string are exactly the same.");
            }
            if (!Files.exists(path)) {
                return oldString.isEmpty() ? create(path, raw, newString)
                        : ToolResult.error("File does not exist: " + raw + ". To create a file, use Write (or Edit with an empty old_string).");
            }
            if (oldString.isEmpty()) {
                return ToolResult.error("old_string is empty but " + raw + " already exists. Give the exact text to "
                        + "replace, or use Write to replace the whole file.");
            }
            if (!Files.isRegularFile(path)) {
                return ToolResult.error(raw + " is not a regular file; it cannot be edited.");
            }
            try {
                if (Files.size(path) > MAX_FILE_BYTES) {
                    return ToolResult.error(raw + " is larger than " + MAX_FILE_BYTES / (1024 * 1024)
                            + " MiB; edit it with Bash (sed, a script) instead.");
                }
                return replace(path, raw, Files.readString(path, StandardCharsets.UTF_8), oldString, newString, replaceAll);
            } catch (IOException e) {
                return FileErrors.of("edit", raw, e);
            }
        };
    }

    private static ToolResult create(Path path, String raw, String content) {
        try {
            FileChanges.write(path, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return FileErrors.of("create", raw, e);
        }
        return ToolResult.ok("Created the new file " + raw + ".");
    }

    private static ToolResult replace(Path path, String raw, String text, String oldString, String newString,
                                      boolean replaceAll) throws IOException {
        String asGiven = oldString;
        int count = count(text, oldString);
        if (count == 0 && text.contains("\r\n") && !oldString.contains("\r\n") && oldString.contains("\n")) {
            // The file has Windows line endings; the model wrote Unix ones.
            oldString = oldString.replace("\n", "\r\n");
            newString = newString.replace("\n", "\r\n");
            count = count(text, oldString);
        }
        if (count == 0) {
            return ToolResult.error("String to replace not found in " + raw + ". Read the file again and copy "
                    + "the text exactly, including whitespace and indentation.\nString: " + asGiven);
        }
        if (count > 1 && !replaceAll) {
            return ToolResult.error("Found " + count + " matches of the string to replace, but replace_all is "
                    + "false. To replace all occurrences, set replace_all to true. To replace only one occurrence, "
                    + "please provide more context to uniquely identify the instance.\nString: " + asGiven);
        }
        int first = text.indexOf(oldString);
        String updated = replaceAll ? text.replace(oldString, newString)
                : text.substring(0, first) + newString + text.substring(first + oldString.length());
        Files.writeString(path, updated, StandardCharsets.UTF_8);
        if (replaceAll) {
            return ToolResult.ok("The file " + raw + " has been updated. All " + count + " occurrence"
                    + (count == 1 ? "" : "s") + " of old_string were replaced with new_string.");
        }
        return ToolResult.ok("The file " + raw + " has been updated. Here's the result of running `cat -n` on a "
                + "snippet of the edited file:\n" + snippet(updated, first, newString.length()));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    /** The lines around the replaced text, numbered like Read's output. */
    static String snippet(String text, int start, int length) {
        String[] lines = text.split("\n", -1);
        int firstLine = lineOf(text, start);
        int lastLine = lineOf(text, start + Math.max(0, length - 1));
        int from = Math.max(0, firstLine - SNIPPET_CONTEXT);
        int to = Math.min(lines.length - 1, lastLine + SNIPPET_CONTEXT);
        StringBuilder sb = new StringBuilder();
        for (int i = from; i <= to; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.length() > ReadTool.MAX_LINE) {
                line = line.substring(0, ReadTool.MAX_LINE) + "... [line truncated]";
            }
            sb.append(String.format("%6d\t", i + 1)).append(line).append('\n');
        }
        return sb.toString();
    }

    private static int lineOf(String text, int index) {
        int line = 0;
        for (int i = 0; i < index && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
