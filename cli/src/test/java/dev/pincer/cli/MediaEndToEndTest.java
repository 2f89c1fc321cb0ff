package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.pincer.protocol.Json;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Media end to end, through the web chat and a real sandbox: a 6000 px photo reaches the model as
 * an image block scaled to 1568 px, a PDF as a document block, a voice note as the transcript a
 * (fake) transcription server made; the inbox is read-only inside the sandbox; {@code send_file}
 * delivers a file the agent wrote and refuses, visibly to the agent, a planted link, a folder and a
 * path outside the group.
 */
class MediaEndToEndTest {

    @TempDir static Path home;
    static Harness h;
    static HttpServer transcriber;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        transcriber = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        transcriber.createContext("/v1/audio/transcriptions", ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] answer = "{\"text\":\"remind me to water the plants\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        transcriber.start();
        h = new Harness(home).set("PINCER_TRANSCRIBE_URL", "http://127.0.0.1:" + transcriber.getAddress().getPort()).start();
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
        transcriber.stop(0);
    }

    private static String upload(String name, byte[] body, String type) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.webPort()
                        + "/api/chats/main/files?name=" + name)).header("Authorization", "Bearer " + h.webToken())
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Json.MAPPER.readTree(r.body()).get("upload").asText();
    }

    private static long send(String text, String... uploads) throws Exception {
        HttpResponse<String> r = h.call("POST", "/api/chats/main/messages",
                Json.MAPPER.writeValueAsString(Map.of("text", text, "files", List.of(uploads))));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return Json.MAPPER.readTree(r.body()).get("seq").asLong();
    }

    /** The content blocks of the last user message of {@code r} of this type. */
    private static List<JsonNode> blocks(RecordedRequest r, String type) {
        List<JsonNode> found = new ArrayList<>();
        List<JsonNode> messages = r.messages();
        for (JsonNode b : messages.get(messages.size() - 1).path("content")) {
            if (type.equals(b.path("type").asText())) {
                found.add(b);
            }
        }
        return found;
    }

    @Test
    void aPhotoAPdfAndAVoiceNoteReachTheModelAsItTakesThem() throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(6000, 4000, BufferedImage.TYPE_INT_RGB), "png", png);
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (var text = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                text.beginText();
                text.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
                        org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 12);
                text.newLineAtOffset(50, 700);
                text.showText("Soup of the day");
                text.endText();
            }
            doc.save(pdf);
        }
        String photo = upload("beach.png", png.toByteArray(), "image/png");
        String menu = upload("menu.pdf", pdf.toByteArray(), "application/pdf");
        String voice = upload("note.ogg", "OggS....".getBytes(StandardCharsets.UTF_8), "audio/ogg");
        h.model.enqueue(Reply.text("Got them."));

        long seq = send("here you go", photo, menu, voice);
        h.awaitReply("main", seq, Duration.ofSeconds(90));

        RecordedRequest r = h.model.requests().getLast();
        assertThat(blocks(r, "image")).singleElement().satisfies(b -> {
            assertThat(b.path("source").path("media_type").asText()).isEqualTo("image/jpeg");
            BufferedImage seen = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(b.path("source").path("data").asText())));
            assertThat(Math.max(seen.getWidth(), seen.getHeight())).as("scaled to the model's limit").isEqualTo(1568);
        });
        assertThat(blocks(r, "document")).singleElement().satisfies(b ->
                assertThat(Base64.getDecoder().decode(b.path("source").path("data").asText())).isEqualTo(pdf.toByteArray()));
        assertThat(r.lastUserText()).contains("<transcript>remind me to water the plants</transcript>")
                .contains("path=\"/workspace/group/inbox/");
        try (var kept = Files.walk(home.resolve("groups/main/inbox"))) {
            assertThat(kept.filter(p -> p.getFileName().toString().endsWith("-beach.png"))).singleElement()
                    .satisfies(p -> assertThat(p).hasBinaryContent(png.toByteArray()));
        }
    }

    @Test
    void theAgentSendsAFileItWroteAndIsToldWhyOthersCannotGo() throws Exception {
        String script = """
                mkdir -p /workspace/group/out /workspace/group/dir && printf 'quarterly numbers' > /workspace/group/out/report.txt
                ln -sf /etc/passwd /workspace/group/out/passwd.txt
                touch /workspace/group/inbox/planted 2>/dev/null && echo inbox-writable || echo inbox-read-only
                rm -rf /workspace/group/inbox 2>/dev/null; [ -d /workspace/group/inbox ] && echo inbox-still-there
                """;
        h.model.respondWith(req -> switch (req.lastUserText().contains("send me the report") ? 1
                : req.lastUserText().contains("inbox-") ? 2 : 3) {
            case 1 -> Reply.toolUse("Bash", Map.of("command", script));
            case 2 -> Reply.toolUses(null, List.of(
                    new Reply.ToolCall("send_file", Map.of("path", "/workspace/group/out/report.txt", "caption", "Q3")),
                    new Reply.ToolCall("send_file", Map.of("path", "/workspace/group/out/passwd.txt")),
                    new Reply.ToolCall("send_file", Map.of("path", "/workspace/group/dir")),
                    new Reply.ToolCall("send_file", Map.of("path", "/etc/hostname"))));
            default -> Reply.text("Sent the report.");
        });
        int before = h.model.requests().size();
        long seq = h.post("main", "send me the report");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> h.messages("main", seq, 0).stream()
                .anyMatch(m -> m.get("text").asText().equals("Sent the report.")));

        List<RecordedRequest> requests = h.model.requests().subList(before, h.model.requests().size());
        assertThat(requests.get(1).lastUserText()).contains("inbox-read-only").contains("inbox-still-there")
                .doesNotContain("inbox-writable");
        List<RecordedRequest.ToolResultView> results = requests.get(2).toolResults();
        assertThat(results).hasSize(4);
        assertThat(results.get(0).isError()).isFalse();
        assertThat(results.get(1)).satisfies(t -> {
            assertThat(t.isError()).isTrue();
            assertThat(t.content()).contains("symbolic link");
        });
        assertThat(results.get(2).content()).contains("not a regular file");
        assertThat(results.get(3).content()).contains("only files under /workspace/group");

        JsonNode sent = null;
        for (JsonNode m : h.messages("main", seq, 0)) {
            if (m.get("fromAssistant").asBoolean() && !m.get("attachments").isEmpty()) {
                sent = m;
            }
        }
        assertThat(sent).as("the file is in the chat's history").isNotNull();
        assertThat(sent.get("text").asText()).isEqualTo("Q3");
        JsonNode file = sent.get("attachments").get(0);
        assertThat(file.get("name").asText()).isEqualTo("report.txt");
        HttpResponse<String> download = h.call("GET", file.get("url").asText(), null);
        assertThat(download.body()).isEqualTo("quarterly numbers");
        assertThat(download.headers().firstValue("Content-Disposition")).get().asString().startsWith("attachment");
    }
}
