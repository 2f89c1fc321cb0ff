package dev.pincer.agent.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.agent.llm.ChatMessage;
import dev.pincer.agent.llm.ContentBlock;
import dev.pincer.agent.llm.MessagesRequest;
import dev.pincer.protocol.Json;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The user's files in Chat Completions: images as image_url data parts in place, PDFs as a pointer to their text. */
class ChatTranslatorTest {
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 1, 2, 3};

    private static JsonNode userMessage(ContentBlock... blocks) {
        var request = new MessagesRequest("m", 10, null, null, List.of(ChatMessage.user(List.of(blocks))));
        JsonNode messages = ChatTranslator.request(request, false, Json.MAPPER).path("messages");
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    @Test
    void imagesBecomeImageUrlPartsBetweenTheTextParts() {
        var image = new ContentBlock.Image(ContentBlock.Source.base64("image/jpeg", JPEG),
                new ContentBlock.FileRef("/workspace/group/inbox/2026-12/a-cat.jpg", "cat.jpg", null));

        JsonNode m = userMessage(new ContentBlock.Text("look <attachment/>"), image, new ContentBlock.Text("</message>"));

        assertThat(m.path("role").asText()).isEqualTo("user");
        JsonNode parts = m.path("content");
        assertThat(parts).hasSize(3);
        assertThat(parts.get(0).path("type").asText()).isEqualTo("text");
        assertThat(parts.get(0).path("text").asText()).isEqualTo("look <attachment/>");
        assertThat(parts.get(1).path("type").asText()).isEqualTo("image_url");
        assertThat(parts.get(1).path("image_url").path("url").asText())
                .isEqualTo("data:image/jpeg;base64," + Base64.getEncoder().encodeToString(JPEG));
        assertThat(parts.get(2)).isEqualTo(Json.MAPPER.createObjectNode().put("type", "text").put("text", "</message>"));
    }

    @Test
    void aDocumentBecomesANoteWithItsTextViewAndTextStaysAString() {
        var doc = new ContentBlock.Document(ContentBlock.Source.base64("application/pdf", "%PDF-1.4".getBytes()), "report.pdf",
                new ContentBlock.FileRef("/workspace/group/inbox/2026-12/b-report.pdf", "report.pdf",
                        "/workspace/group/inbox/2026-12/b-report.pdf.txt"));

        JsonNode m = userMessage(new ContentBlock.Text("read it"), doc);

        assertThat(m.path("content").isTextual()).isTrue();
        assertThat(m.path("content").asText()).isEqualTo("read it\n\n[the PDF report.pdf cannot be shown to this model; "
                + "its text is at /workspace/group/inbox/2026-12/b-report.pdf.txt: read it with the Read tool]");
    }
}
