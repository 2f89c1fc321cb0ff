package dev.pincer.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobToolTest {
    @TempDir
    Path dir;

    private ToolResult glob(String pattern, String path) throws Exception {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("pattern", pattern);
        if (path != null) {
            input.put("path", path);
        }
        return new GlobTool(dir).execute(Json.MAPPER.valueToTree(input));
    }

    private Path file(String relative, long ageSeconds) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, relative);
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(ageSeconds)));
        return p;
    }

    @Test
    void listsMatchesAsAbsolutePathsNewestFirst() throws Exception {
        Path old = file("notes/old.md", 300);
        Path fresh = file("notes/deep/fresh.md", 10);
        Path middle = file("README.md", 100);
        file("notes/skip.txt", 1);

        ToolResult r = glob("**/*.md", null);

        assertThat(r.isError()).isFalse();
        assertThat(r.content().lines().toList()).containsExactly(fresh.toString(), middle.toString(), old.toString());
    }

    @Test
    void aSingleStarStaysInOneFolderAndBracesGiveAlternatives() throws Exception {
        Path top = file("a.ts", 3);
        Path tsx = file("b.tsx", 2);
        file("src/c.ts", 1);

        assertThat(glob("*.{ts,tsx}", null).content().lines().toList()).containsExactly(tsx.toString(), top.toString());
    }

    @Test
    void searchesUnderTheGivenPathRelativeOrAbsolute() throws Exception {
        Path inSrc = file("src/main/App.java", 5);
        file("test/AppTest.java", 5);

        assertThat(glob("**/*.java", "src").content()).isEqualTo(inSrc.toString());
        assertThat(glob("**/*.java", dir.resolve("src").toString()).content()).isEqualTo(inSrc.toString());
        assertThat(glob(dir + "/src/**/*.java", null).content()).isEqualTo(inSrc.toString());
    }

    @Test
    void noMatchSaysSo() throws Exception {
        file("a.txt", 1);

        ToolResult r = glob("**/*.rs", null);

        assertThat(r.isError()).isFalse();
        assertThat(r.content()).isEqualTo("No files found");
    }

    @Test
    void skipsGitFoldersAndCapsTheList() throws Exception {
        file(".git/objects/x.txt", 1);
        for (int i = 0; i < GlobTool.MAX_RESULTS + 5; i++) {
            file("many/f" + i + ".txt", i);
        }

        List<String> lines = glob("**/*.txt", null).content().lines().toList();

        assertThat(lines).hasSize(GlobTool.MAX_RESULTS + 1).noneMatch(l -> l.contains(".git"));
        assertThat(lines.getFirst()).endsWith("many/f0.txt");
        assertThat(lines.getLast()).startsWith("(Results are truncated").contains("of " + (GlobTool.MAX_RESULTS + 5) + " files");
    }

    @Test
    void aMissingPathIsAnErrorForTheModel() {
        assertThatThrownBy(() -> glob("*", "/no/such/dir"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/no/such/dir does not exist");
    }

    @Test
    void globPatternsFollowClaudeCodeSemantics() {
        assertThat(GlobPattern.compile("**/*.md").matches("README.md")).isTrue();
        assertThat(GlobPattern.compile("**/*.md").matches("a/b/c.md")).isTrue();
        assertThat(GlobPattern.compile("src/**").matches("src/a/b.java")).isTrue();
        assertThat(GlobPattern.compile("*.java").matches("src/A.java")).isFalse();
        assertThat(GlobPattern.compile("file?.[ch]").matches("file1.c")).isTrue();
        assertThat(GlobPattern.compile("[!a]*").matches("abc")).isFalse();
        assertThat(GlobPattern.compile("a+b (1).txt").matches("a+b (1).txt")).isTrue();
        assertThatThrownBy(() -> GlobPattern.compile("{a,b")).hasMessageContaining("unclosed {");
    }
}
