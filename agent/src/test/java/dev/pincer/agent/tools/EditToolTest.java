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
        Path f = Files.writeString(dir.resolve("a.txt"), "cat dog cat bird cat");

        ToolResult r = edit(f, "cat", "fox", true);

        assertThat(r.isError()).isFalse();
        assertThat(r.content()).contains("All 3 occurrences");
        assertThat(Files.readString(f)).isEqualTo("fox dog fox bird fox");
    }

    @Test
    void aStringFoundSeveralTimesIsRefusedWithoutReplaceAll() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "x = 1\nx = 1\n");

        ToolResult r = edit(f, "x = 1", "x = 2", false);

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).startsWith("Found 2 matches").contains("replace_all").contains("more context");
        assertThat(Files.readString(f)).isEqualTo("x = 1\nx = 1\n");
    }

    @Test
    void aStringThatIsNotThereIsAClearError() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "alpha\n");

        ToolResult r = edit(f, "beta", "gamma", null);

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).startsWith("String to replace not found in " + f).endsWith("String: beta");
        assertThat(Files.readString(f)).isEqualTo("alpha\n");
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
        Path f = Files.writeString(dir.resolve("a.txt"), "same");

        ToolResult r = edit(f, "same", "same", null);

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).contains("old_string and new_string are exactly the same");
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
        Path f = Files.writeString(dir.resolve("dos.txt"), "one\r\ntwo\r\nthree\r\n");

        ToolResult r = edit(f, "one\ntwo", "uno\ndos", null);

        assertThat(r.isError()).isFalse();
        assertThat(Files.readString(f)).isEqualTo("uno\r\ndos\r\nthree\r\n");
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
