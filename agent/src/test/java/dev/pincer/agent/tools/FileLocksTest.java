package dev.pincer.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

class FileLocksTest {

    @TempDir Path dir;

    /** Parallel edits of one file (as one model turn's calls run) all land; none reads a half-written file. */
    @RepeatedTest(5)
    void parallelEditsOfOneFileAllApply() throws Exception {
        Path file = dir.resolve("plan.md");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append("line ").append(i).append(" todo\n");
        }
        Files.writeString(file, text);
        EditTool edit = new EditTool(FileChanges.inSandbox());
        List<Future<ToolResult>> results = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 40; i++) {
                var input = Json.MAPPER.valueToTree(Map.of("file_path", file.toString(),
                        "old_string", "line " + i + " todo", "new_string", "line " + i + " done"));
                results.add(pool.submit(() -> edit.execute((com.fasterxml.jackson.databind.JsonNode) input)));
            }
        }
        for (Future<ToolResult> r : results) {
            assertThat(r.get().isError()).as(r.get().content()).isFalse();
        }
        assertThat(Files.readString(file)).doesNotContain("todo").contains("line 39 done");
    }
}
