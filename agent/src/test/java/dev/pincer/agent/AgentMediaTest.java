package dev.pincer.agent;

import static dev.pincer.agent.media.InboxFixture.JPEG_MAGIC;
import static dev.pincer.agent.media.InboxFixture.PNG_MAGIC;
import static dev.pincer.agent.media.InboxFixture.bytes;
import static dev.pincer.agent.media.InboxFixture.element;
import static dev.pincer.agent.media.InboxFixture.prompt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.agent.media.InboxFixture;
import dev.pincer.protocol.AgentInput;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.testkit.FakeOpenAI;
import dev.pincer.testkit.Reply;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The user's files reach the model: images from their views, PDFs as documents, nothing from outside the inbox. */
class AgentMediaTest extends AgentRunFixture {
    private InboxFixture inbox;
    private final byte[] view = bytes(JPEG_MAGIC, 2000, 'v');
    private String imageElement;

    @BeforeEach
    void files() throws Exception {
        inbox = new InboxFixture(h.group.resolve("inbox"));
        String original = inbox.put("2026-12/3fa9c2d1b0e4-cat.png", bytes(PNG_MAGIC, 9000, 'o'));
        String viewPath = inbox.put("2026-12/3fa9c2d1b0e4-cat.png-1568.jpg", view);
        imageElement = element("image", "cat.png", "image/png", original, viewPath);
    }

    private static List<JsonNode> blocks(JsonNode message, String type) {
        List<JsonNode> found = new ArrayList<>();
        message.path("content").forEach(b -> {
            if (b.path("type").asText().equals(type)) {
                found.add(b);
            }
        });
        return found;
    }

    private void assertIsTheView(JsonNode image) {
        List<String> fields = new ArrayList<>();
        image.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("type", "source"); // nothing of Pincer's own goes to the API
        assertThat(image.path("source").path("type").asText()).isEqualTo("base64");
        assertThat(image.path("source").path("media_type").asText()).isEqualTo("image/jpeg");
        assertThat(image.path("source").path("data").asText()).isEqualTo(Base64.getEncoder().encodeToString(view));
    }

    @Test
    void anImageReachesTheModelFromItsViewAndAgainWhenTheSessionResumes() throws Exception {
        h.fake.enqueue(Reply.text("A cat."), Reply.text("Still a cat."));

        assertThat(h.run(AgentHarness.start(prompt("what is this?", imageElement), null))).isEqualTo(Agent.OK);
        String session = h.result().sessionId();
        h.takeOutputs();
        assertThat(h.run(AgentHarness.start("and now?", session))).isEqualTo(Agent.OK);

        JsonNode first = h.fake.requests().get(0).messages().getFirst();
        assertThat(first.path("content").get(0).path("text").asText()).endsWith(imageElement);
        assertIsTheView(first.path("content").get(1));
        assertIsTheView(h.fake.requests().get(1).messages().getFirst().path("content").get(1));
        String transcript = Files.readString(h.home.resolve("sessions/" + session + ".jsonl"));
        assertThat(transcript).doesNotContain(Base64.getEncoder().encodeToString(view));
    }

    @Test
    void aPdfGoesAsADocumentBlock() throws Exception {
        byte[] pdf = InboxFixture.pdf(2);
        String path = inbox.put("2026-12/bb-report.pdf", pdf);
        h.fake.enqueue(Reply.text("A report."));

        h.run(AgentHarness.start(prompt("summarise", element("document", "report.pdf", "application/pdf", path, path + ".txt")), null));

        List<JsonNode> docs = blocks(h.fake.lastRequest().messages().getFirst(), "document");
        assertThat(docs).hasSize(1);
        assertThat(docs.getFirst().path("source").path("media_type").asText()).isEqualTo("application/pdf");
        assertThat(docs.getFirst().path("source").path("data").asText()).isEqualTo(Base64.getEncoder().encodeToString(pdf));
        assertThat(docs.getFirst().path("title").asText()).isEqualTo("report.pdf");
    }

    @Test
    void filesOutsideTheInboxAreNotReadButNoted() throws Exception {
        Files.writeString(h.root.resolve("secret.jpg"), "\u00ff\u00d8\u00ffsecret");
        Files.createSymbolicLink(inbox.root().resolve("2026-12/link.jpg"), h.root.resolve("secret.jpg"));
        h.fake.enqueue(Reply.text("ok"));

        int code = h.run(AgentHarness.start(prompt("",
                element("image", "a.jpg", "image/jpeg", "/etc/passwd", null),
                element("image", "b.jpg", "image/jpeg", "/workspace/group/inbox/../../etc/passwd", null),
                element("image", "c.jpg", "image/jpeg", "/workspace/group/inbox/2026-12/link.jpg", null)), null));

        assertThat(code).isEqualTo(Agent.OK);
        JsonNode user = h.fake.lastRequest().messages().getFirst();
        assertThat(blocks(user, "image")).isEmpty();
        assertThat(user.toString()).doesNotContain(Base64.getEncoder().encodeToString("secret".getBytes()))
                .contains("[a.jpg is not shown to you: it is not in /workspace/group/inbox]")
                .contains("[b.jpg is not shown to you: its path")
                .contains("[c.jpg is not shown to you: it is reached through a symbolic link, which is not followed]");
    }

    @Test
    void aFollowUpsImageJoinsTheNextTurn() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        h.fake.respondWith(r -> {
            if (calls.incrementAndGet() == 1) {
                try {
                    IpcFiles.write(h.input, new AgentInput.Message(prompt("and this", imageElement), "run-2"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return Reply.text("answer one");
            }
            return Reply.text("answer two");
        });

        assertThat(h.run(AgentHarness.start("hello", null))).isEqualTo(Agent.OK);

        JsonNode last = h.fake.lastRequest().messages().getLast();
        assertThat(last.path("role").asText()).isEqualTo("user");
        assertThat(blocks(last, "image")).hasSize(1);
        assertIsTheView(blocks(last, "image").getFirst());
    }

    @Test
    void theOpenAiProviderGetsImagesAsDataUrlsAndPdfsAsTheirTextPath() throws Exception {
        String pdf = inbox.put("2026-12/bb-report.pdf", InboxFixture.pdf(1));
        try (FakeOpenAI openai = new FakeOpenAI()) {
            h.extraEnv.put("PINCER_LLM_BASE_URL", openai.baseUrl());
            openai.enqueue(Reply.text("A cat and a report."));

            int code = h.run(new AgentInput.Start("run-1", prompt("look", imageElement,
                    element("document", "report.pdf", "application/pdf", pdf, pdf + ".txt")), null,
                    new AgentInput.Group("main", "web:main", true), new AgentInput.Setup("Andy", "openai", "llava")));

            assertThat(code).isEqualTo(Agent.OK);
            JsonNode messages = openai.lastRequest().body().path("messages");
            JsonNode parts = messages.get(messages.size() - 1).path("content");
            assertThat(parts.get(0).path("type").asText()).isEqualTo("text");
            assertThat(parts.get(1).path("type").asText()).isEqualTo("image_url");
            assertThat(parts.get(1).path("image_url").path("url").asText())
                    .isEqualTo("data:image/jpeg;base64," + Base64.getEncoder().encodeToString(view));
            assertThat(parts.get(2).path("text").asText())
                    .contains("[the PDF report.pdf cannot be shown to this model; its text is at " + pdf + ".txt");
        }
    }
}
