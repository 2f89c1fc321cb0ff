package dev.pincer.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code Read {file_path, offset?, limit?}}: a text file with line numbers like {@code cat -n},
 * from line {@code offset} (1-based), at most {@code limit} lines (default 2000), each line cut
 * at 2000 characters. Invalid UTF-8 is replaced, not fatal.
 */
public final class ReadTool implements Tool {
    public static final int DEFAULT_LIMIT = 2000;
    public static final int MAX_LINE = 2000;
    /** Below the runner's cap, so a long read ends with its own "read on with offset" hint. */
    private static final int MAX_OUTPUT = 90_000;
    private static final ToolSpec SPEC = new ToolSpec("Read",
            "Reads a file from the local filesystem. file_path must be absolute. By default reads up to "
                    + DEFAULT_LIMIT + " lines from the start; use offset and limit for long files. Lines are "
                    + "numbered like `cat -n` (number, tab, content) and cut at " + MAX_LINE + " characters. "
                    + "To list a directory, use Bash with ls.",
            ToolInputs.schema("""
            {"type": "object",
             "properties": {
               "file_path": {"type": "string", "description": "The absolute path to the file to read"},
               "offset": {"type": "number", "description": "The line number to start reading from. Only provide if the file is too large to read at once"},
               "limit": {"type": "number", "description": "The number of lines to read. Only provide if the file is too large to read at once."}
             },
             "required": ["file_path"], "additionalProperties": false}"""));

    /**
     * Reads one line into {@code line} (without its terminator), keeping at most
     * {@link #MAX_LINE}+1 characters so that a file without newlines cannot exhaust memory.
     * Returns -1 at end of input, else the line's full length.
     */
    private static long readLine(BufferedReader r, StringBuilder line) throws java.io.IOException {
        line.setLength(0);
        long length = 0;
        int c;
        while ((c = r.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (line.length() <= MAX_LINE) {
                line.append((char) c);
            }
            length++;
        }
        if (c < 0 && length == 0) {
            return -1;
        }
        if (length == line.length() && !line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
            line.setLength(line.length() - 1);
        }
        return length;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult execute(JsonNode input) throws Exception {
        String raw = ToolInputs.requiredString(input, "file_path");
        Path path = Path.of(raw);
        if (!path.isAbsolute()) {
            return ToolResult.error("file_path must be an absolute path, got '" + raw + "'");
        }
        long offset = Math.max(1, ToolInputs.optionalLong(input, "offset", 1));
        long limit = ToolInputs.optionalLong(input, "limit", DEFAULT_LIMIT);
        if (limit <= 0) {
            return ToolResult.error("limit must be a positive number of lines");
        }
        if (Files.isDirectory(path)) {
            return ToolResult.error(raw + " is a directory, not a file. Use Bash with `ls` to list it.");
        }
        if (!Files.exists(path)) {
            return ToolResult.error("File does not exist: " + raw);
        }
        if (!Files.isRegularFile(path)) {
            return ToolResult.error(raw + " is not a regular file (a device, pipe or socket); it cannot be read with Read.");
        }
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        long lineNo = 0;
        long shown = 0;
        boolean more = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(path), decoder))) {
            while (readLine(r, line) >= 0) {
                lineNo++;
                if (lineNo < offset) {
                    continue;
                }
                if (shown >= limit || out.length() > MAX_OUTPUT) {
                    more = true;
                    break;
                }
                boolean cut = line.length() > MAX_LINE;
                out.append(String.format("%6d\t", lineNo)).append(line, 0, Math.min(line.length(), MAX_LINE))
                        .append(cut ? "... [line truncated]\n" : "\n");
                shown++;
            }
        } catch (NoSuchFileException e) {
            return ToolResult.error("File does not exist: " + raw);
        } catch (java.io.IOException e) {
            return FileErrors.of("read", raw, e);
        }
        if (lineNo == 0) {
            return ToolResult.ok("(the file " + raw + " is empty)");
        }
        if (shown == 0) {
            return ToolResult.ok("(the file has " + lineNo + " lines; offset " + offset + " is past the end)");
        }
        if (more) {
            out.append("... (more lines follow; read on with offset=").append(offset + shown).append(")\n");
        }
        return ToolResult.ok(out.toString());
    }
}
