package dev.pincer.agent.session;

import static dev.pincer.agent.media.InboxFixture.JPEG_MAGIC;
import static dev.pincer.agent.media.InboxFixture.bytes;
import static dev.pincer.agent.media.InboxFixture.element;
import static dev.pincer.agent.media.InboxFixture.prompt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.agent.llm.ChatMessage;
import dev.pincer.agent.llm.ContentBlock;
import dev.pincer.agent.media.InboxFixture;
import dev.pincer.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images and documents in a session: kept by reference, read again on resume, a note when gone, never base64 in the archive. */
class TranscriptMediaTest {
    @TempDir
    Path tmp;
    InboxFixture inbox;

    @BeforeEach
    void setUp() throws Exception {
        inbox = new InboxFixture(tmp.resolve("inbox"));
    }

    /** Opens the session {@code sessionId} (null: a new one) as the agent does, with the files of this inbox. */
    private Transcript open(String sessionId) throws Exception {
        return Transcript.open(tmp.resolve("sessions"), sessionId, Json.MAPPER, inbox.files());
    }

    private ChatMessage catAndReport() throws Exception {
        String cat = inbox.put("2026-12/aa-cat.jpg", bytes(JPEG_MAGIC, 4000, 'c'));
        String pdf = inbox.put("2026-12/bb-report.pdf", InboxFixture.pdf(2));
        return ChatMessage.user(inbox.files().expand(prompt("see", element("image", "cat.jpg", "image/jpeg", cat, null),
                element("document", "report.pdf", "application/pdf", pdf, pdf + ".txt"))));
    }

    @Test
    void filesAreStoredByReferenceAndReadAgainOnResume() throws Exception {
        ChatMessage user = catAndReport();
        assertThat(user.content()).hasSize(5); // text, image, text, document, text
        Transcript t = open(null);
        t.append(user);
        t.append(ChatMessage.assistant(List.of(new ContentBlock.Text("a cat and a report"))));

        String line = Files.readAllLines(t.file()).getFirst();
        String data = ((ContentBlock.Image) user.content().get(1)).source().data();
        assertThat(line).doesNotContain(data).doesNotContain("base64")
                .contains("{\"type\":\"image\",\"file\":{\"path\":\"/workspace/group/inbox/2026-12/aa-cat.jpg\",\"name\":\"cat.jpg\"}}")
                .contains("\"text_view\":\"/workspace/group/inbox/2026-12/bb-report.pdf.txt\"");
        Transcript resumed = open(t.sessionId());
        assertThat(resumed.messages()).isEqualTo(t.messages());
    }

    @Test
    void aFileGoneByTheTimeTheSessionResumesBecomesANote() throws Exception {
        Transcript t = open(null);
        t.append(catAndReport());
        t.append(ChatMessage.assistant(List.of(new ContentBlock.Text("ok"))));
        t.checkpoint();
        Files.delete(inbox.root().resolve("2026-12/aa-cat.jpg"));

        List<ContentBlock> blocks = open(t.sessionId()).messages().getFirst().content();

        assertThat(blocks.get(1)).isEqualTo(new ContentBlock.Text("[cat.jpg is not shown to you: it is no longer there]"));
        assertThat(blocks.get(3)).isInstanceOf(ContentBlock.Document.class);
    }

    @Test
    void aMediaBlockFromNoFileKeepsItsData() throws Exception {
        var image = new ContentBlock.Image(ContentBlock.Source.base64("image/png", new byte[] {1, 2, 3}), null);
        Transcript t = open(null);
        t.append(ChatMessage.user(List.of(new ContentBlock.Text("x"), image)));

        assertThat(Files.readString(t.file())).contains("\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\""
                + Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}) + "\"}");
        assertThat(open(t.sessionId()).messages().getFirst().content())
                .containsExactly(new ContentBlock.Text("x"), image);
    }

    @Test
    void theArchiveShowsAPlaceholderNeverTheData() throws Exception {
        ChatMessage user = catAndReport();

        String markdown = new ConversationMarkdown(Json.MAPPER).render("t", List.of(user));

        assertThat(markdown).contains("\n[image: cat.jpg]\n").contains("\n[document: report.pdf]\n")
                .doesNotContain(((ContentBlock.Image) user.content().get(1)).source().data()).doesNotContain("base64");
    }
}
