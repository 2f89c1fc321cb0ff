package dev.pincer.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditToolTest {
    @TempDir
    Path dir;

    private static ToolResult edit(Path file, String oldString, String newString, Boolean replaceAll) throws Exception {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("file_path", file.toString());
        input.put("old_string", oldString);
        input.put("new_string", newString);
        if (replaceAll != null) {
            input.put("replace_all", replaceAll);
        }
        return new EditTool(FileChanges.inSandbox()).execute(Json.MAPPER.valueToTree(input));
    }

    /** Writes {@code before} to a.txt, edits it, checks that the file then holds {@code after}, and returns the answer. */
    private ToolResult editFile(String before, String oldString, String newString, Boolean replaceAll, String after)
            throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), before);
        ToolResult r = edit(f, oldString, newString, replaceAll);
        assertThat(Files.readString(f)).as("a.txt after the edit").isEqualTo(after);
        return r;
    }

    /** An edit of a.txt holding {@code before} that the tool must refuse: an error, the file unchanged; returns the error. */
    private String refusedEdit(String before, String oldString, String newString, Boolean replaceAll) throws Exception {
        ToolResult r = editFile(before, oldString, newString, replaceAll, before);
        assertThat(r.isError()).as("refused").isTrue();
        return r.content();
    }

    @Test
    void replacesAUniqueStringAndShowsTheEditedLinesNumbered() throws Exception {
        Path f = Files.writeString(dir.resolve("app.py"), "def greet():\n    return 'hello'\n\nprint(greet())\n");

        ToolResult r = edit(f, "return 'hello'", "return 'hi there'", null);

        assertThat(r.isError()).isFalse();
        assertThat(Files.readString(f)).isEqualTo("def greet():\n    return 'hi there'\n\nprint(greet())\n");
        assertThat(r.content()).startsWith("The file " + f + " has been updated.")
                .contains("     2\t    return 'hi there'\n").contains("     1\tdef greet():\n");
    }

    @Test
    void replaceAllChangesEveryOccurrence() throws Exception {
        ToolResult r = editFile("cat dog cat bird cat", "cat", "fox", true, "fox dog fox bird fox");

        assertThat(r.isError()).isFalse();
        assertThat(r.content()).contains("All 3 occurrences");
    }

    @Test
    void aStringFoundSeveralTimesIsRefusedWithoutReplaceAll() throws Exception {
        assertThat(refusedEdit("x = 1\nx = 1\n", "x = 1", "x = 2", false))
                .startsWith("Found 2 matches").contains("replace_all").contains("more context");
    }

    @Test
    void aStringThatIsNotThereIsAClearError() throws Exception {
        assertThat(refusedEdit("alpha\n", "beta", "gamma", null))
                .startsWith("String to replace not found in " + dir.resolve("a.txt")).endsWith("String: beta");
    }

    @Test
    void aMissingFileIsAnErrorUnlessOldStringIsEmpty() throws Exception {
        Path missing = dir.resolve("sub/new.txt");

        ToolResult r = edit(missing, "a", "b", null);
        assertThat(r.isError()).isTrue();
        assertThat(r.content()).startsWith("File does not exist: " + missing);
        assertThat(missing).doesNotExist();

        ToolResult created = edit(missing, "", "fresh\n", null);
        assertThat(created.isError()).isFalse();
        assertThat(missing).hasContent("fresh");

        ToolResult again = edit(missing, "", "other", null);
        assertThat(again.isError()).isTrue();
        assertThat(again.content()).contains("already exists");
    }

    @Test
    void identicalStringsAreAnError() throws Exception {
        assertThat(refusedEdit("same", "same", "same", null)).contains("old_string and new_string are exactly the same");
    }

    @Test
    void missingParametersAndRelativePathsAreRejected() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "x");
        EditTool tool = new EditTool(FileChanges.inSandbox());

        assertThat(edit(Path.of("a.txt"), "x", "y", null).content()).contains("absolute path");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tool.execute(Json.MAPPER.valueToTree(
                        Map.of("file_path", f.toString(), "new_string", "y"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("old_string");
    }

    @Test
    void windowsLineEndingsAreKept() throws Exception {
        ToolResult r = editFile("one\r\ntwo\r\nthree\r\n", "one\ntwo", "uno\ndos", null, "uno\r\ndos\r\nthree\r\n");

        assertThat(r.isError()).isFalse();
    }

    @Test
    void aFileThatIsNotUtf8IsNotRewritten() throws Exception {
        byte[] latin1 = "caf\u00e9 au lait".getBytes(StandardCharsets.ISO_8859_1);
        Path f = Files.write(dir.resolve("latin1.txt"), latin1);

        ToolResult r = edit(f, "lait", "the", null);

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).contains("not valid UTF-8");
        assertThat(Files.readAllBytes(f)).isEqualTo(latin1);
    }
}
