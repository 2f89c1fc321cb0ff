package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.protocol.Json;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.RecordedRequest.ToolResultView;
import dev.pincer.testkit.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's tools on real files in a real bwrap sandbox (the main group): the fake model
 * scripts the calls, and each result is checked as the model sees it in its next request, and
 * the files as the host sees them.
 */
class ToolsInSandboxTest {
    private static final String G = "/workspace/group";

    @TempDir Path home;

    private static Reply.ToolCall call(String name, Object... kv) {
        java.util.LinkedHashMap<String, Object> input = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            input.put((String) kv[i], kv[i + 1]);
        }
        return new Reply.ToolCall(name, input);
    }

    @Test
    void fileToolsWorkOnRealFilesAndFailClearly() throws Exception {
        try (Harness h = new Harness(home).start()) {
            h.model.enqueue(
                    Reply.toolUses("Setting up.", List.of(
                            call("Write", "file_path", G + "/notes/plan.md", "content", "# Plan\n- buy milk\n- call mom\n- buy milk\n"),
                            call("Write", "file_path", G + "/src/app.py", "content", "def main():\n    print('hello')\n"),
                            call("Bash", "command", "printf 'needle\\000binary' > " + G + "/blob.bin && cd notes && echo made"),
                            call("Write", "file_path", "/workspace/project/x.txt", "content", "nope"),
                            call("Write", "file_path", "/usr/x.txt", "content", "nope"),
                            call("Write", "file_path", "/work/host-only/x.txt", "content", "nope"),
                            call("Read", "file_path", G + "/missing.txt"),
                            call("Read", "file_path", home.resolve(".env").toString()),
                            call("Bash", "command", "echo before-sleep; sleep 30", "timeout", 1000),
                            call("TodoWrite", "todos", List.of(
                                    Map.of("content", "Write the plan", "status", "completed", "activeForm", "Writing the plan"),
                                    Map.of("content", "Edit the plan", "status", "in_progress", "activeForm", "Editing the plan"))))),
                    Reply.toolUses("Editing.", List.of(
                            call("Edit", "file_path", G + "/notes/plan.md", "old_string", "call mom", "new_string", "call dad"),
                            call("Edit", "file_path", G + "/notes/plan.md", "old_string", "- buy milk", "new_string", "- buy oat milk"),
                            call("Edit", "file_path", G + "/nope.txt", "old_string", "a", "new_string", "b"),
                            call("Edit", "file_path", "/workspace/project/groups/main/plan-copy.md", "old_string", "",
                                    "new_string", "x"),
                            call("Edit", "file_path", "/workspace/project/groups/main/notes/plan.md", "old_string", "call",
                                    "new_string", "text"),
                            call("Bash", "command", "pwd"))),
                    Reply.toolUses("Looking around.", List.of(
                            call("Glob", "pattern", "**/*.{md,py}"),
                            call("Grep", "pattern", "milk|dad", "path", G + "/notes", "output_mode", "content"),
                            call("Grep", "pattern", "needle"),
                            call("Grep", "pattern", "needle", "path", G + "/blob.bin"),
                            call("Read", "file_path", G + "/notes/plan.md"),
                            call("Read", "file_path", "/root/.env"))),
                    Reply.text("All done."));

            long seq = h.post("main", "Organise my notes");
            JsonNode reply = h.awaitReply("main", seq, Duration.ofSeconds(90));

            assertThat(reply.get("text").asText()).as(h.runLogs()).isEqualTo("All done.");
            List<RecordedRequest> requests = h.model.requests();
            assertThat(requests).hasSize(4);

            List<ToolResultView> setup = requests.get(1).toolResults();
            assertThat(setup).hasSize(10);
            ok(setup.get(0), "File created: " + G + "/notes/plan.md");
            ok(setup.get(1), "File created: " + G + "/src/app.py");
            ok(setup.get(2), "made");
            error(setup.get(3), "Cannot write /workspace/project/x.txt: /workspace/project/x.txt is on a read-only file system (EROFS)");
            error(setup.get(4), "Cannot write /usr/x.txt: /usr/x.txt is on a read-only file system (EROFS)");
            error(setup.get(5), "Cannot write /work/host-only/x.txt: /work does not exist in the sandbox (host paths "
                    + "are not visible here). Anything written outside the mounted folders is lost when the run ends");
            error(setup.get(6), "File does not exist: " + G + "/missing.txt");
            error(setup.get(7), "File does not exist: " + home.resolve(".env"));
            assertThat(setup.get(7).content()).doesNotContain(Harness.API_KEY);
            error(setup.get(8), "before-sleep");
            assertThat(setup.get(8).content()).contains("Command timed out after 1000 ms and was killed");
            ok(setup.get(9), "Todo list updated: 2 tasks (1 completed, 1 in progress, 0 pending). Now: Editing the plan.");

            List<ToolResultView> edits = requests.get(2).toolResults();
            ok(edits.get(0), "The file " + G + "/notes/plan.md has been updated.");
            assertThat(edits.get(0).content()).contains("     3\t- call dad");
            error(edits.get(1), "Found 2 matches of the string to replace, but replace_all is false.");
            error(edits.get(2), "File does not exist: " + G + "/nope.txt");
            error(edits.get(3), "Cannot create /workspace/project/groups/main/plan-copy.md: "
                    + "/workspace/project/groups/main/plan-copy.md is on a read-only file system (EROFS)");
            error(edits.get(4), "Cannot edit /workspace/project/groups/main/notes/plan.md: "
                    + "/workspace/project/groups/main/notes/plan.md is on a read-only file system (EROFS)");
            ok(edits.get(5), G + "/notes");

            List<ToolResultView> looks = requests.get(3).toolResults();
            ok(looks.get(0), "");
            assertThat(looks.get(0).content()).as("newest first: edited, written, the host's CLAUDE.md")
                    .isEqualTo(G + "/notes/plan.md\n" + G + "/src/app.py\n" + G + "/CLAUDE.md");
            ok(looks.get(1), String.join("\n", G + "/notes/plan.md:2:- buy milk", G + "/notes/plan.md:3:- call dad",
                    G + "/notes/plan.md:4:- buy milk"));
            ok(looks.get(2), "No files found\n\n(Skipped 1 binary file(s).)");
            error(looks.get(3), G + "/blob.bin is a binary file");
            ok(looks.get(4), "     1\t# Plan\n     2\t- buy milk\n     3\t- call dad\n     4\t- buy milk\n");
            error(looks.get(5), "File does not exist: /root/.env");

            // On the host: the group folder changed, nothing else did.
            assertThat(home.resolve("groups/main/notes/plan.md")).hasContent("# Plan\n- buy milk\n- call dad\n- buy milk");
            assertThat(home.resolve("groups/main/src/app.py")).hasContent("def main():\n    print('hello')");
            assertThat(home.resolve("x.txt")).doesNotExist();
            JsonNode todos = Json.MAPPER.readTree(home.resolve("data/sessions/main/todos.json").toFile());
            assertThat(todos.get(1).path("status").asText()).isEqualTo("in_progress");
            // the result is applied a moment after the reply was delivered
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> !h.pincer.recentRuns().get(0).outcome().status().equals("running"));
            assertThat(h.pincer.recentRuns().get(0).outcome().status()).isEqualTo("ok");
        }
    }

    @Test
    void threeToolCallsOfOneTurnRunConcurrentlyAndAnswerInCallOrder() throws Exception {
        try (Harness h = new Harness(home).start()) {
            String timed = "echo start $(date +%%s%%N); sleep 1; echo end $(date +%%s%%N); echo %s";
            h.model.enqueue(
                    Reply.toolUses("Three at once.", List.of(
                            new Reply.ToolCall("toolu_A", "Bash", Map.of("command", timed.formatted("A"))),
                            new Reply.ToolCall("toolu_B", "Bash", Map.of("command", timed.formatted("B"))),
                            new Reply.ToolCall("toolu_C", "Bash", Map.of("command", timed.formatted("C"))))),
                    Reply.text("done"));

            long seq = h.post("main", "three things");
            h.awaitReply("main", seq, Duration.ofSeconds(90));

            List<ToolResultView> results = h.model.requests().get(1).toolResults();
            assertThat(results).extracting(ToolResultView::toolUseId).containsExactly("toolu_A", "toolu_B", "toolu_C");
            assertThat(results).extracting(r -> r.content().strip().substring(r.content().strip().length() - 1))
                    .containsExactly("A", "B", "C");
            long firstStart = results.stream().mapToLong(r -> field(r.content(), "start")).min().orElseThrow();
            long lastStart = results.stream().mapToLong(r -> field(r.content(), "start")).max().orElseThrow();
            long firstEnd = results.stream().mapToLong(r -> field(r.content(), "end")).min().orElseThrow();
            long lastEnd = results.stream().mapToLong(r -> field(r.content(), "end")).max().orElseThrow();
            assertThat(lastStart).as("every call started before any ended").isLessThan(firstEnd);
            assertThat((lastEnd - firstStart) / 1_000_000).as("three 1 s sleeps in well under 3 s").isLessThan(2500);
        }
    }

    private static long field(String output, String name) {
        return output.lines().filter(l -> l.startsWith(name + " "))
                .mapToLong(l -> Long.parseLong(l.substring(name.length() + 1))).findFirst().orElseThrow();
    }

    private static void ok(ToolResultView r, String expectedStart) {
        assertThat(r.isError()).as("is_error of %s", r.content()).isFalse();
        assertThat(r.content()).startsWith(expectedStart);
    }

    private static void error(ToolResultView r, String expectedStart) {
        assertThat(r.isError()).as("is_error of %s", r.content()).isTrue();
        assertThat(r.content()).startsWith(expectedStart);
    }
}
