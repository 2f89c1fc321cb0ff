package dev.pincer.host.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.config.Layout;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.StoredMessage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that come with messages, kept by the host: capped, content-addressed under the group's
 * inbox with a safe name, an image scaled to the model's limit, a PDF's text, a voice note's
 * transcript from a real (fake) transcription server; every file not kept is told in the chat.
 */
class MediaIntakeTest {

    @TempDir Path home;
    Database db;
    Layout layout;
    AttachmentStore store;
    final List<String> notes = new CopyOnWriteArrayList<>();
    final Map<String, byte[]> files = new java.util.concurrent.ConcurrentHashMap<>();
    static final Group FAMILY = new Group("family", "web:family", "Family", new Group.Trigger("@Andy", false), false, "{}");
    StoredMessage message;

    @BeforeEach
    void open() throws IOException {
        layout = new Layout(home);
        db = Database.open(layout.database());
        store = new AttachmentStore(db);
        Files.createDirectories(layout.groupDir("family"));
        message = new MessageStore(db).append("web:family", "web", "Family", "m1", "Ada", "look", false, Instant.now());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private MediaIntake intake(Transcriber transcriber, long maxBytes) {
        return new MediaIntake(store, layout, (chat, a, max) -> {
            byte[] bytes = files.get(a.fileId());
            if (bytes == null) {
                throw new IOException("404 from the platform");
            }
            return new ByteArrayInputStream(bytes);
        }, transcriber, (chat, text, sender) -> {
            notes.add(text);
            return notes.size();
        }, maxBytes);
    }

    private Attachment.Stored keep(MediaIntake intake, Inbound.Attachment a) {
        return intake.keep(FAMILY, message, a);
    }

    private static byte[] png(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private Path inboxFile(String relative) {
        return layout.mediaDir("family").resolve(relative);
    }

    @Test
    void aLargeImageIsKeptWholeAndShownToTheModelScaledToItsLimit() throws Exception {
        files.put("f1", png(6000, 4000));
        Attachment.Stored s = keep(intake(null, 20_000_000), new Inbound.Attachment(Inbound.Attachment.Kind.IMAGE, "beach.png",
                "image/png", files.get("f1").length, "f1"));

        assertThat(s.problem()).isNull();
        assertThat(s.path()).matches("\\d{4}-\\d{2}/[0-9a-f]{12}-beach\\.png");
        assertThat(inboxFile(s.path())).hasBinaryContent(files.get("f1"));
        BufferedImage view = ImageIO.read(inboxFile(s.view()).toFile());
        assertThat(Math.max(view.getWidth(), view.getHeight())).isEqualTo(1568);
        assertThat(view.getWidth()).isEqualTo(1568);
        assertThat(store.of("web:family", List.of("m1"))).singleElement()
                .satisfies(a -> assertThat(a.stored()).isEqualTo(s));
        assertThat(notes).isEmpty();
    }

    @Test
    void aPdfGetsItsTextBesideIt() throws Exception {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream c = new PDPageContentStream(doc, page)) {
                c.beginText();
                c.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                c.newLineAtOffset(50, 700);
                c.showText("Soup of the day: lentils");
                c.endText();
            }
            doc.save(pdf);
        }
        files.put("f2", pdf.toByteArray());
        Attachment.Stored s = keep(intake(null, 20_000_000), new Inbound.Attachment(Inbound.Attachment.Kind.DOCUMENT, "menu.pdf",
                "application/pdf", -1, "f2"));

        assertThat(s.view()).isEqualTo(s.path() + ".txt");
        assertThat(Files.readString(inboxFile(s.view()))).contains("Soup of the day: lentils");
    }

    @Test
    void aVoiceNoteIsTranscribedByTheConfiguredServer() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/audio/transcriptions", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1)
                    + "\nAUTH " + ex.getRequestHeaders().getFirst("Authorization"));
            byte[] answer = "{\"text\":\" buy oat milk \"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        server.start();
        try {
            files.put("f3", "OggS-voice-bytes".getBytes(StandardCharsets.UTF_8));
            Transcriber t = Transcriber.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "whisper-1", "tk-1");
            Attachment.Stored s = keep(intake(t, 20_000_000), new Inbound.Attachment(Inbound.Attachment.Kind.VOICE, null,
                    "audio/ogg", 16, "f3"));

            assertThat(s.transcript()).isEqualTo("buy oat milk");
            assertThat(s.path()).endsWith("-voice");
            assertThat(bodies).singleElement().satisfies(b -> assertThat(b).contains("OggS-voice-bytes")
                    .contains("name=\"model\"").contains("whisper-1").contains("AUTH Bearer tk-1"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aFailedTranscriptionKeepsTheFileAndIsTold() throws Exception {
        files.put("f4", "voice".getBytes(StandardCharsets.UTF_8));
        Transcriber down = Transcriber.of(URI.create("http://127.0.0.1:9/v1/audio/transcriptions"), null, null);
        Attachment.Stored s = keep(intake(down, 20_000_000), new Inbound.Attachment(Inbound.Attachment.Kind.VOICE, "n.ogg",
                "audio/ogg", 5, "f4"));

        assertThat(s.path()).isNotNull();
        assertThat(s.problem()).contains("could not be transcribed");
        assertThat(notes).singleElement().asString().contains("n.ogg");
    }

    @Test
    void anOversizedFileIsRefusedWithANoteAndNothingIsHalfStored() throws Exception {
        files.put("big", new byte[5000]);
        MediaIntake intake = intake(null, 4000);

        Attachment.Stored declared = keep(intake, new Inbound.Attachment(Inbound.Attachment.Kind.DOCUMENT, "a.bin", null, 5000, "big"));
        Attachment.Stored lying = keep(intake, new Inbound.Attachment(Inbound.Attachment.Kind.DOCUMENT, "b.bin", null, 10, "big"));

        assertThat(List.of(declared, lying)).allSatisfy(s -> {
            assertThat(s.path()).isNull();
            assertThat(s.problem()).contains("larger than the limit").contains("PINCER_MAX_ATTACHMENT_MB");
        });
        assertThat(notes).hasSize(2).allSatisfy(n -> assertThat(n).startsWith("I could not take"));
        try (var all = Files.walk(home)) {
            assertThat(all.filter(Files::isRegularFile).filter(p -> !p.startsWith(layout.storeDir())))
                    .as("no part of it anywhere").isEmpty();
        }
    }

    @Test
    void aHostileNameIsStoredUnderASafeNameInsideTheInbox() throws Exception {
        files.put("f5", "x".getBytes(StandardCharsets.UTF_8));
        MediaIntake intake = intake(null, 4000);
        for (String name : List.of("../../etc/passwd", "..\\..\\boot.ini", "a\u0000b\nc\u001b[31m.txt", ".bashrc", "")) {
            Attachment.Stored s = keep(intake, new Inbound.Attachment(Inbound.Attachment.Kind.DOCUMENT, name, null, 1, "f5"));
            Path file = inboxFile(s.path()).normalize();
            assertThat(file).startsWith(layout.mediaDir("family")).exists();
            assertThat(file.getFileName().toString()).matches("[0-9a-f]{12}-[A-Za-z0-9][A-Za-z0-9._-]*");
        }
        assertThat(home.resolve("etc")).doesNotExist();
    }

    @Test
    void aFileThePlatformCannotGiveIsTold() {
        Attachment.Stored s = keep(intake(null, 4000), new Inbound.Attachment(Inbound.Attachment.Kind.IMAGE, "gone.jpg",
                "image/jpeg", 10, "missing"));

        assertThat(s.path()).isNull();
        assertThat(s.problem()).contains("could not be fetched").contains("404");
        assertThat(notes).singleElement().asString().contains("\"gone.jpg\"");
    }

    @Test
    void aLinkWhereTheInboxShouldBeIsNotWrittenThrough() throws Exception {
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        Files.createSymbolicLink(layout.mediaDir("family"), elsewhere);
        files.put("f6", "x".getBytes(StandardCharsets.UTF_8));

        Attachment.Stored s = keep(intake(null, 4000), new Inbound.Attachment(Inbound.Attachment.Kind.DOCUMENT, "a.txt", null, 1, "f6"));

        assertThat(s.path()).isNull();
        try (var listed = Files.list(elsewhere)) {
            assertThat(listed).isEmpty();
        }
        assertThat(notes).hasSize(1);
    }

    @Test
    void aTranscribersStringNeverShowsItsKey() {
        Transcriber t = Transcriber.of(URI.create("http://localhost:8000"), null, "sk-transcribe-123");
        assertThat(t.toString()).doesNotContain("sk-transcribe-123").contains("key=****").contains("whisper-1");
    }
}
