package dev.pincer.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadWriteToolTest {
    @TempDir
    Path dir;

    private static ToolResult read(Map<String, Object> input) throws Exception {
        return new ReadTool().execute(Json.MAPPER.valueToTree(input));
    }

    @Test
    void numbersLinesLikeCatN() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "alpha\nbeta\n");

        ToolResult r = read(Map.of("file_path", f.toString()));

        assertThat(r.isError()).isFalse();
        assertThat(r.content()).isEqualTo("     1\talpha\n     2\tbeta\n");
    }

    @Test
    void readsAWindowWithOffsetAndLimitAndSaysWhereToGoOn() throws Exception {
        Path f = Files.writeString(dir.resolve("n.txt"),
                IntStream.rangeClosed(1, 10).mapToObj(i -> "line" + i).collect(Collectors.joining("\n")));

        ToolResult r = read(Map.of("file_path", f.toString(), "offset", 4, "limit", 2));

        assertThat(r.content()).startsWith("     4\tline4\n     5\tline5\n").contains("offset=6");
    }

    @Test
    void defaultsTo2000LinesAndCutsLongLines() throws Exception {
        Path f = Files.writeString(dir.resolve("big.txt"),
                "x".repeat(5000) + "\n" + IntStream.rangeClosed(2, 2500).mapToObj(Integer::toString).collect(Collectors.joining("\n")));

        String content = read(Map.of("file_path", f.toString())).content();

        assertThat(content.lines().findFirst().orElseThrow()).hasSize(7 + 2000 + "... [line truncated]".length());
        assertThat(content).contains("  2000\t2000\n").doesNotContain("\t2001\n").contains("offset=2001");
    }

    @Test
    void clearErrorsForMissingFilesDirectoriesAndRelativePaths() throws Exception {
        assertThat(read(Map.of("file_path", dir.resolve("nope.txt").toString())))
                .satisfies(r -> assertThat(r.isError()).isTrue())
                .satisfies(r -> assertThat(r.content()).startsWith("File does not exist"));
        assertThat(read(Map.of("file_path", dir.toString())))
                .satisfies(r -> assertThat(r.isError()).isTrue())
                .satisfies(r -> assertThat(r.content()).contains("is a directory"));
        assertThat(read(Map.of("file_path", "notes/a.txt")))
                .satisfies(r -> assertThat(r.isError()).isTrue())
                .satisfies(r -> assertThat(r.content()).contains("absolute path"));
    }

    @Test
    void emptyFilesAndInvalidUtf8AreNotErrors() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty"));
        Path binary = Files.write(dir.resolve("bin"), new byte[] {'o', 'k', (byte) 0xff, '\n'});

        assertThat(read(Map.of("file_path", empty.toString())).content()).contains("is empty");
        assertThat(read(Map.of("file_path", binary.toString())).content()).isEqualTo("     1\tok\uFFFD\n");
    }

    @Test
    void hugeSingleLinesCrlfAndDevicesAreHandledWithoutReadingEverything() throws Exception {
        Path oneLine = Files.writeString(dir.resolve("min.json"), "y".repeat(5_000_000));
        Path crlf = Files.writeString(dir.resolve("dos.txt"), "a\r\nb\r\n");

        assertThat(read(Map.of("file_path", oneLine.toString())).content()).hasSize(7 + 2000 + "... [line truncated]\n".length());
        assertThat(read(Map.of("file_path", crlf.toString())).content()).isEqualTo("     1\ta\n     2\tb\n");
        assertThat(read(Map.of("file_path", "/dev/zero")))
                .satisfies(r -> assertThat(r.isError()).isTrue())
                .satisfies(r -> assertThat(r.content()).contains("not a regular file"));
    }

    @Test
    void writeCreatesParentsAndOverwrites() throws Exception {
        Path target = dir.resolve("deep/er/note.md");
        WriteTool write = new WriteTool(FileChanges.inSandbox());

        ToolResult first = write.execute(Json.MAPPER.valueToTree(Map.of("file_path", target.toString(), "content", "one")));
        ToolResult second = write.execute(Json.MAPPER.valueToTree(Map.of("file_path", target.toString(), "content", "twø")));

        assertThat(first.content()).startsWith("File created");
        assertThat(second.content()).startsWith("File updated").contains("(4 bytes)");
        assertThat(Files.readString(target)).isEqualTo("twø");
        assertThat(write.execute(Json.MAPPER.valueToTree(Map.of("file_path", "rel.txt", "content", "x"))).isError()).isTrue();
        assertThat(write.execute(Json.MAPPER.valueToTree(Map.of("file_path", dir.toString(), "content", "x"))).isError()).isTrue();
    }
}
