package dev.pincer.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrepToolTest {
    @TempDir
    Path dir;
    Path app;
    Path util;
    Path notes;

    @BeforeEach
    void files() throws Exception {
        app = write("src/App.java", "class App {\n  // TODO: greet\n  void run() {}\n  void stop() {}\n  // todo later\n}\n", 50);
        util = write("src/util/Util.java", "class Util {\n  // TODO one\n  // TODO two\n}\n", 10);
        notes = write("notes.md", "# Notes\nnothing to do here\n", 5);
        write(".git/config", "TODO in git\n", 1);
    }

    private Path write(String relative, String content, long ageSeconds) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(ageSeconds)));
        return p;
    }

    private ToolResult grep(Map<String, Object> input) throws Exception {
        return new GrepTool(dir).execute(Json.MAPPER.valueToTree(input));
    }

    private static Map<String, Object> in(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void filesWithMatchesIsTheDefaultNewestFirstAndSkipsGit() throws Exception {
        ToolResult r = grep(in("pattern", "TODO"));

        assertThat(r.isError()).isFalse();
        assertThat(r.content()).isEqualTo("Found 2 files\n" + util + "\n" + app);
    }

    @Test
    void contentModeShowsPathLineAndTextWithLineNumbersByDefault() throws Exception {
        assertThat(grep(in("pattern", "TODO", "output_mode", "content", "path", "src/App.java")).content())
                .isEqualTo(app + ":2:  // TODO: greet");
        assertThat(grep(in("pattern", "TODO", "output_mode", "content", "path", "src/App.java", "-n", false)).content())
                .isEqualTo(app + ":  // TODO: greet");
    }

    @Test
    void caseInsensitiveSearch() throws Exception {
        assertThat(grep(in("pattern", "todo", "output_mode", "content", "path", app.toString(), "-i", true)).content())
                .isEqualTo(app + ":2:  // TODO: greet\n" + app + ":5:  // todo later");
    }

    @Test
    void contextLinesAroundMatchesWithSeparators() throws Exception {
        Path f = write("ctx.txt", "a\nb\nMATCH1\nc\nd\ne\nf\nMATCH2\ng\n", 1);

        String both = grep(in("pattern", "MATCH", "output_mode", "content", "path", f.toString(), "-C", 1)).content();
        assertThat(both).isEqualTo(String.join("\n", f + "-2-b", f + ":3:MATCH1", f + "-4-c", "--",
                f + "-7-f", f + ":8:MATCH2", f + "-9-g"));

        String after = grep(in("pattern", "MATCH1", "output_mode", "content", "path", f.toString(), "-A", 2)).content();
        assertThat(after).isEqualTo(String.join("\n", f + ":3:MATCH1", f + "-4-c", f + "-5-d"));

        String before = grep(in("pattern", "MATCH2", "output_mode", "content", "path", f.toString(), "-B", 1)).content();
        assertThat(before).isEqualTo(String.join("\n", f + "-7-f", f + ":8:MATCH2"));
    }

    @Test
    void countModeCountsMatchingLinesPerFile() throws Exception {
        ToolResult r = grep(in("pattern", "TODO", "output_mode", "count"));

        assertThat(r.content()).isEqualTo(app + ":1\n" + util + ":2\n\nFound 3 matching lines in 2 files.");
    }

    @Test
    void globAndTypeFilterTheFiles() throws Exception {
        assertThat(grep(in("pattern", "o", "glob", "*.md")).content()).isEqualTo("Found 1 file\n" + notes);
        assertThat(grep(in("pattern", "o", "glob", "src/util/*.java")).content()).isEqualTo("Found 1 file\n" + util);
        assertThat(grep(in("pattern", "class", "type", "java")).content()).isEqualTo("Found 2 files\n" + util + "\n" + app);
        assertThatThrownBy(() -> grep(in("pattern", "class", "type", "cobol")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown file type 'cobol'");
    }

    @Test
    void headLimitCutsTheOutputAndSaysSo() throws Exception {
        String content = grep(in("pattern", "TODO|void", "output_mode", "content", "head_limit", 2)).content();
        assertThat(content).startsWith(app + ":2:  // TODO: greet\n" + app + ":3:  void run() {}\n\n(Output cut: head_limit 2 reached");

        assertThat(grep(in("pattern", "TODO", "head_limit", 1)).content())
                .isEqualTo("Found 2 files (showing the 1 most recently modified)\n" + util);
    }

    @Test
    void binaryFilesAreSkippedAndAnExplicitBinaryFileIsAnError() throws Exception {
        Path bin = dir.resolve("blob.bin");
        byte[] bytes = "TODO hidden in binary\n".getBytes();
        byte[] withNul = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, withNul, 1, bytes.length);
        Files.write(bin, withNul);

        String all = grep(in("pattern", "hidden")).content();
        assertThat(all).isEqualTo("No files found\n\n(Skipped 1 binary file(s).)");

        ToolResult direct = grep(in("pattern", "hidden", "path", bin.toString()));
        assertThat(direct.isError()).isTrue();
        assertThat(direct.content()).contains("is a binary file");
    }

    @Test
    void filesOver10MiBAreSkipped() throws Exception {
        Path big = Files.writeString(dir.resolve("big.log"), "needle here\n".repeat(1_000_000));

        assertThat(grep(in("pattern", "needle")).content()).isEqualTo("No files found\n\n(Skipped 1 file(s) over 10 MiB.)");
        ToolResult direct = grep(in("pattern", "needle", "path", big.toString()));
        assertThat(direct.isError()).isTrue();
        assertThat(direct.content()).contains("larger than 10 MiB");
    }

    @Test
    void anInvalidRegexIsAnError() throws Exception {
        ToolResult r = grep(in("pattern", "foo(bar"));

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).startsWith("Invalid regular expression").contains("Unclosed group");
    }

    @Test
    void multilinePatternsSpanLines() throws Exception {
        String r = grep(in("pattern", "run\\(\\) \\{\\}\\s+void stop", "multiline", true, "output_mode", "content")).content();

        assertThat(r).isEqualTo(app + ":3:  void run() {}\n" + app + ":4:  void stop() {}");
    }

    @Test
    void noMatchesInContentMode() throws Exception {
        assertThat(grep(in("pattern", "zzz", "output_mode", "content")).content()).isEqualTo("No matches found");
    }
}
