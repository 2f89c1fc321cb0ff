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

/** A turn that was not answered never stays in the session: neither after a failure nor after a kill. */
class TranscriptRestoreTest {
    /** No inbox: these conversations have no files. */
    private static final PromptFiles FILES = new PromptFiles(Path.of("no-inbox"));

    @TempDir
    Path dir;

    private static ChatMessage said(String role, String text) {
        return role.equals("user") ? ChatMessage.userText(text) : ChatMessage.assistant(List.of(new ContentBlock.Text(text)));
    }

    private static List<String> texts(Transcript t) {
        return t.messages().stream().map(ChatMessage::text).toList();
    }

    /** A new session in which the turn "A" was answered and checkpointed. */
    private Transcript answeredA() throws Exception {
        Transcript t = Transcript.open(dir, null, Json.MAPPER, FILES);
        t.append(said("user", "A"));
        t.append(said("assistant", "answer A"));
        t.checkpoint();
        return t;
    }

    /** What a resumed session holds: the transcript opened again from disk. */
    private List<String> resumedTexts(Transcript t) throws Exception {
        return texts(Transcript.open(dir, t.sessionId(), Json.MAPPER, FILES));
    }

    @Test
    void aTurnCutOffByAKillIsGoneWhenTheSessionIsResumed() throws Exception {
        Transcript t = answeredA();
        t.append(said("user", "B"));                    // the process dies here: B was never answered
        assertThat(Files.readAllLines(t.file())).hasSize(3);

        Transcript resumed = Transcript.open(dir, t.sessionId(), Json.MAPPER, FILES);
        assertThat(texts(resumed)).containsExactly("A", "answer A");
        resumed.append(said("user", "B")); // the host gives B again: it is in the conversation once
        assertThat(texts(resumed)).containsExactly("A", "answer A", "B");
        assertThat(resumedTexts(t)).containsExactly("A", "answer A");
    }

    @Test
    void aFailedTurnIsRolledBackInMemoryAndOnDisk() throws Exception {
        Transcript t = answeredA();
        t.append(said("user", "B"));
        t.append(said("assistant", "half an answer"));

        t.rollback();

        assertThat(texts(t)).containsExactly("A", "answer A");
        assertThat(Files.readAllLines(t.file())).hasSize(2);
        t.append(said("user", "B again"));
        assertThat(resumedTexts(t)).containsExactly("A", "answer A");
    }

    @Test
    void withoutAnAnsweredTurnARollbackEmptiesTheSession() throws Exception {
        Transcript t = Transcript.open(dir, null, Json.MAPPER, FILES);
        t.append(said("user", "A"));
        t.rollback();
        assertThat(t.messages()).isEmpty();
        assertThat(t.file()).doesNotExist();
    }

    @Test
    void anAnsweredSessionIsResumedAsItIs() throws Exception {
        Transcript t = answeredA();
        assertThat(resumedTexts(t)).containsExactly("A", "answer A");
        assertThat(Transcript.restorePoint(t.file())).hasSameTextualContentAs(t.file());
    }
}
