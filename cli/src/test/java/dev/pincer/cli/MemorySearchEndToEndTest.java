package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code memory_search} end to end: a real sandboxed agent asks, the host answers from the index it
 * keeps of the group's files and messages. A fact that only a compacted-away part of a conversation
 * held is found in the archive the compactor wrote; a line of a memory file is found; a group other
 * than main finds nothing of main's.
 */
class MemorySearchEndToEndTest {

    @TempDir Path home;

    private static Reply bash(String command, long inputTokens, long cacheRead) {
        return Reply.toolUse("Bash", Map.of("command", command)).usage(inputTokens, 20, cacheRead, 0);
    }

    private static void awaitNoSandbox(Harness h) {
        await().atMost(Duration.ofSeconds(60)).until(() -> ((java.util.Collection<?>) h.pincer.status().get("liveSandboxes")).isEmpty());
    }

    @Test
    void aFactFromACompactedConversationAndAMemoryFileLineAreFound() throws Exception {
        try (Harness h = new Harness(home).set("PINCER_CONTEXT_TOKENS", "10000").set("PINCER_COMPACT_AT", "0.8")
                .set("PINCER_IDLE_TIMEOUT", "0").start()) {
            h.model.enqueue(
                    bash("echo The spare key is under the blue flowerpot", 1000, 0),
                    bash("echo step two", 2000, 1000),
                    bash("echo step three", 3000, 2000),
                    bash("echo step four", 3000, 5000), // 8000 of 10000 tokens: the next request compacts first
                    Reply.text("SUMMARY: the four steps were run.").usage(500, 60),
                    Reply.text("All four steps are done.").usage(900, 10));
            long first = h.post("main", "run the four steps");
            assertThat(h.awaitReply("main", first, Duration.ofSeconds(90)).get("text").asText()).isEqualTo("All four steps are done.");
            List<RecordedRequest> requests = h.model.requests();
            assertThat(requests.get(4).lastUserText()).as("the summary call").contains("Summarise");
            assertThat(requests.get(5).body().path("messages").toString()).as("compacted away").doesNotContain("flowerpot");
            Path archive;
            try (Stream<Path> files = Files.list(home.resolve("groups/main/conversations"))) {
                archive = files.findFirst().orElseThrow();
            }
            assertThat(Files.readString(archive)).contains("The spare key is under the blue flowerpot");
            awaitNoSandbox(h);
            Files.writeString(home.resolve("groups/main/CLAUDE.md"), "\n- The owner's bike lock code is 4711.\n", StandardOpenOption.APPEND);
            long claudeLine = Files.readAllLines(home.resolve("groups/main/CLAUDE.md")).indexOf("- The owner's bike lock code is 4711.") + 1;

            h.model.enqueue(Reply.toolUses("Let me look.", List.of(
                            new Reply.ToolCall("memory_search", Map.of("query", "spare key")),
                            new Reply.ToolCall("memory_search", Map.of("query", "bike lock", "limit", 3)))),
                    Reply.text("Under the blue flowerpot; your lock code is 4711."));
            long second = h.post("main", "where is the spare key, and what is my bike lock code?");
            assertThat(h.awaitReply("main", second, Duration.ofSeconds(90)).get("text").asText())
                    .isEqualTo("Under the blue flowerpot; your lock code is 4711.");

            List<RecordedRequest.ToolResultView> results = h.model.lastRequest().toolResults();
            assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r.isError()).as(r.content()).isFalse());
            assertThat(results.get(0).content()).contains("\"ranker\" : \"bm25\"", "\"source\" : \"conversation\"",
                    "\"path\" : \"/workspace/group/conversations/" + archive.getFileName() + "\"",
                    "The **spare** **key** is under the blue flowerpot");
            assertThat(results.get(1).content()).contains("\"source\" : \"memory\"", "\"path\" : \"/workspace/group/CLAUDE.md\"",
                    "\"line\" : " + claudeLine, "**bike** **lock** code is 4711");
        }
    }

    @Test
    void aGroupOtherThanMainFindsNothingOfMainsAndMainSearchesItsMemoryByName() throws Exception {
        try (Harness h = new Harness(home).set("PINCER_IDLE_TIMEOUT", "0").start()) {
            h.registerGroup("family", "family");
            Files.createDirectories(home.resolve("groups/main/notes"));
            Files.writeString(home.resolve("groups/main/notes/vault.md"), "The vault combination is 31-41-59.\n");
            Files.createDirectories(home.resolve("groups/family/notes"));
            Files.writeString(home.resolve("groups/family/notes/garden.md"), "The garden gate code is 2718.\n");

            h.model.enqueue(Reply.toolUses("Searching.", List.of(
                            new Reply.ToolCall("memory_search", Map.of("query", "vault combination")),
                            new Reply.ToolCall("memory_search", Map.of("query", "vault combination", "group", "main")),
                            new Reply.ToolCall("memory_search", Map.of("query", "garden gate")))),
                    Reply.text("I only know the garden gate code."));
            long asked = h.post("family", "@Andy what opens the safe in the basement?");
            h.awaitReply("family", asked, Duration.ofSeconds(90));
            List<RecordedRequest.ToolResultView> family = h.model.lastRequest().toolResults();
            assertThat(family.get(0).isError()).isFalse();
            assertThat(family.get(0).content()).contains("\"results\" : [ ]").doesNotContain("31-41-59");
            assertThat(family.get(1).isError()).isTrue();
            assertThat(family.get(1).content()).contains("refused").contains("only its own memory").doesNotContain("31-41-59");
            assertThat(family.get(2).content()).contains("\"path\" : \"/workspace/group/notes/garden.md\"", "2718");
            awaitNoSandbox(h);

            h.model.enqueue(Reply.toolUse("memory_search", Map.of("query", "garden gate", "group", "family")),
                    Reply.text("The family's gate code is 2718."));
            long main = h.post("main", "what is the family's garden gate code?");
            h.awaitReply("main", main, Duration.ofSeconds(90));
            assertThat(h.model.lastRequest().toolResults()).singleElement().satisfies(r -> assertThat(r.content())
                    .contains("\"path\" : \"/workspace/project/groups/family/notes/garden.md\"", "2718"));

            assertThat(h.pincer.audit().recent(50)).filteredOn(e -> e.kind().equals("host-tool"))
                    .extracting(e -> e.folder() + " " + e.verdict() + " " + e.detail().split(":")[0])
                    .containsExactlyInAnyOrder("family allowed memory_search", "family refused memory_search",
                            "family allowed memory_search", "main allowed memory_search");
        }
    }
}
