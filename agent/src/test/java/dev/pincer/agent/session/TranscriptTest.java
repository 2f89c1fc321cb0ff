package dev.pincer.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.agent.llm.ChatMessage;
import dev.pincer.agent.llm.ContentBlock;
import dev.pincer.agent.media.PromptFiles;
import dev.pincer.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptTest {
    /** No inbox: these conversations have no files. */
    private static final PromptFiles FILES = new PromptFiles(Path.of("no-inbox"));

    @TempDir
    Path dir;

    private static ContentBlock.ToolUse use(String id) {
        return new ContentBlock.ToolUse(id, "Bash", Json.MAPPER.createObjectNode().put("command", "ls"));
    }

    private static ChatMessage results(String... ids) {
        return ChatMessage.user(java.util.Arrays.stream(ids)
                .map(id -> (ContentBlock) new ContentBlock.ToolResult(id, "out", false)).toList());
    }

    @Test
    void appendsOneJsonLinePerMessageAndLoadsThemBack() throws Exception {
        Transcript t = Transcript.open(dir, null, Json.MAPPER, FILES);
        t.append(ChatMessage.userText("hi"));
        t.append(ChatMessage.assistant(List.of(new ContentBlock.Text("let me look"), use("toolu_1"))));
        t.append(results("toolu_1"));
        t.append(ChatMessage.assistant(List.of(new ContentBlock.Text("done"))));

        List<String> lines = Files.readAllLines(t.file());
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}");
        assertThat(lines.get(2)).contains("\"tool_use_id\":\"toolu_1\"").doesNotContain("is_error");

        Transcript again = Transcript.open(dir, t.sessionId(), Json.MAPPER, FILES);
        assertThat(again.sessionId()).isEqualTo(t.sessionId());
        assertThat(again.messages()).isEqualTo(t.messages());
    }

    @Test
    void consecutiveTurnsOfOneRoleAreMerged() throws Exception {
        Transcript t = Transcript.open(dir, null, Json.MAPPER, FILES);
        t.append(ChatMessage.userText("one"));
        t.append(ChatMessage.userText("two"));

        assertThat(t.messages()).containsExactly(ChatMessage.user(List.of(new ContentBlock.Text("one"), new ContentBlock.Text("two"))));
        assertThat(Transcript.open(dir, t.sessionId(), Json.MAPPER, FILES).messages()).isEqualTo(t.messages());
    }

    @Test
    void unknownOrInvalidIdsStartFresh() throws Exception {
        assertThat(Transcript.open(dir, "does-not-exist", Json.MAPPER, FILES).sessionId()).isNotEqualTo("does-not-exist");
        assertThat(Transcript.open(dir, "../x", Json.MAPPER, FILES).sessionId()).matches("[0-9a-f-]{36}");
        assertThat(Transcript.validId("a".repeat(65))).isFalse();
        assertThat(Transcript.validId("abc.jsonl")).isFalse();
        assertThat(Transcript.validId("Abc-123")).isTrue();
    }

    @Test
    void aCorruptLineKeepsTheMessagesBeforeIt() throws Exception {
        Path file = dir.resolve("s1.jsonl");
        Files.writeString(file, """
                {"role":"user","content":[{"type":"text","text":"q"}]}
                {"role":"assistant","content":[{"type":"text","text":"a"}]}
                {"role":"user","content":[{"type":"te
                """);

        Transcript t = Transcript.open(dir, "s1", Json.MAPPER, FILES);

        assertThat(t.messages()).hasSize(2);
    }

    @Test
    void sanitizerDropsATrailingToolCallWithoutResults() {
        var history = List.of(ChatMessage.userText("q"), ChatMessage.assistant(List.of(new ContentBlock.Text("a"))),
                ChatMessage.userText("q2"), ChatMessage.assistant(List.of(new ContentBlock.Text("checking"), use("toolu_x"))));

        assertThat(TranscriptSanitizer.sanitize(history)).hasSize(3).last().isEqualTo(ChatMessage.userText("q2"));
    }

    @Test
    void sanitizerKeepsATrailingToolResultTurnAndCutsAtBrokenPairs() {
        var complete = List.of(ChatMessage.userText("q"), ChatMessage.assistant(List.of(use("t1"), use("t2"))), results("t1", "t2"));
        var partial = List.of(ChatMessage.userText("q"), ChatMessage.assistant(List.of(use("t1"), use("t2"))), results("t1"),
                ChatMessage.assistant(List.of(new ContentBlock.Text("x"))));
        var leadingAssistant = List.of(ChatMessage.assistant(List.of(new ContentBlock.Text("hello"))), ChatMessage.userText("q"));

        assertThat(TranscriptSanitizer.sanitize(complete)).isEqualTo(complete);
        assertThat(TranscriptSanitizer.sanitize(partial)).containsExactly(ChatMessage.userText("q"));
        assertThat(TranscriptSanitizer.sanitize(leadingAssistant)).containsExactly(ChatMessage.userText("q"));
    }
}
