package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole repository keeps its shape: every main package has a package-info.java and a row in
 * docs/ARCHITECTURE.md, no main file is over 300 lines, no constructor or record takes more than six
 * parameters, and comments cite only documents the repository has. The other cases check that the
 * scanner finds each kind of problem in a small tree made for it.
 */
class CodeShapeTest {

    @TempDir Path tree;

    @Test
    void theRepositoryKeepsItsShape() throws IOException {
        CodeShape shape = new CodeShape(CodeShape.repositoryRoot());
        assertThat(shape.mainSourceRoots()).hasSizeGreaterThanOrEqualTo(7);
        assertThat(shape.problems()).isEmpty();
    }

    @Test
    void aWellShapedTreeHasNoProblems() throws IOException {
        write("docs/ARCHITECTURE.md", "| m | `a.b` | all |");
        write("m/src/main/java/a/b/package-info.java", "/** Fine. */\npackage a.b;");
        write("m/src/main/java/a/b/Fine.java", """
                package a.b;
                /** See docs/ARCHITECTURE.md. */
                record Fine(java.util.Map<String, Integer> a, int b, int c, int d, int e, int f) {
                    Fine(int x) { this(java.util.Map.of(), x, x, x, x, x); }
                    static Fine of() { return new Fine(java.util.Map.of("1, 2", 3), 1, 2, 3, 4, 5); }
                }""");

        assertThat(new CodeShape(tree).problems()).isEmpty();
    }

    @Test
    void findsEveryKindOfProblemAndNamesTheFile() throws IOException {
        write("docs/ARCHITECTURE.md", "| m | `a.b` | only the first package |");
        write("m/src/main/java/a/b/package-info.java", "/** Fine. */\npackage a.b;");
        write("m/src/main/java/a/b/Long.java", "package a.b;\n" + String.join("", Collections.nCopies(300, "//\n")));
        write("m/src/main/java/a/c/Wide.java", """
                package a.c;
                // as sandbox-%s said
                final class Wide { // see docs/%s
                    Wide(java.util.Map<String, java.util.List<Integer>> a, int b, int c,
                         @Deprecated(since = "1, 2") int d, int e, int f, int g) { }
                }""".formatted("findings", "NOWHERE.md"));
        write("channels/chat/src/main/java/a/d/package-info.java", "package a.d;");
        write("channels/chat/src/main/java/a/d/Point.java", "package a.d;\nrecord Point<T extends Comparable<T>>(T a, T b, T c, T d, T e, T f, T g) { }");

        assertThat(new CodeShape(tree).problems()).containsExactlyInAnyOrder(
                "m/src/main/java/a/b/Long.java: 301 lines, more than 300",
                "m/src/main/java/a/c: package has no package-info.java",
                "m/src/main/java/a/c/Wide.java:4: constructor Wide has 7 parameters, more than 6; group what travels together into a record",
                "m/src/main/java/a/c/Wide.java:2: cites \"sandbox-findings\"; cite a file under docs/ instead",
                "m/src/main/java/a/c/Wide.java:3: cites docs/" + "NOWHERE.md, which does not exist",
                "channels/chat/src/main/java/a/d/Point.java:2: record Point has 7 parameters, more than 6; group what travels together into a record",
                "docs/ARCHITECTURE.md: package `a.c` is not named in the module table",
                "docs/ARCHITECTURE.md: package `a.d` is not named in the module table");
    }

    @Test
    void countsParametersAcrossGenericsAnnotationsAndLiterals() {
        assertThat(CodeShape.countParameters(" ")).isZero();
        assertThat(CodeShape.countParameters("Map<String, List<Integer>> a, int[] b")).isEqualTo(2);
        assertThat(CodeShape.countParameters("@Size(min = 1, max = 2) String a, Function<A, B> f, int c")).isEqualTo(3);
        String source = "\"x, (y\", ',', /* a, ( */ b // c, d\n\"\"\"\n, )\"\"\" e";
        String blanked = CodeShape.blankCommentsAndLiterals(source);
        assertThat(blanked).hasSameSizeAs(source).contains("\n").doesNotContain("x", "y", "(", "a", "c", "d", ")");
        assertThat(CodeShape.countParameters(blanked)).isEqualTo(3);
    }

    private void write(String path, String text) throws IOException {
        Path file = tree.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
