package dev.pincer.channel.slack;

import dev.pincer.host.channel.RecordingContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static dev.pincer.host.channel.ChannelFixtures.random;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.host.channel.ChannelState;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.OutgoingFile;
import dev.pincer.host.channel.RateLimited;
import dev.pincer.host.channel.Speaker;
import dev.pincer.host.channel.Undeliverable;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files in and out of the Slack channel, through the real SDK against {@link FakeSlack}. */
class SlackFilesTest {

    @TempDir Path dir;
    private FakeSlack slack;
    private SlackChannel channel;

    @BeforeEach
    void setUp() throws Exception {
        slack = new FakeSlack().user("U1", "Ann").channel("C1", "family");
        channel = SlackChannelTest.channel(slack, FakeSlack.BOT_TOKEN);
    }

    @AfterEach
    void tearDown() throws Exception {
        channel.stop();
        slack.close();
    }

    private Inbound received(ObjectNode file) {
        RecordingContext context = new RecordingContext();
        channel.start(context);
        await().atMost(Duration.ofSeconds(20)).until(() -> context.last() instanceof ChannelState.Connected);
        ObjectNode m = slack.message("C1", "channel", "U1", "look").put("subtype", "file_share");
        m.putArray("files").add(file);
        slack.event(m);
        await().atMost(Duration.ofSeconds(10)).until(() -> !context.received.isEmpty());
        return context.received.getFirst();
    }

    @Test
    void aSharedFileIsFetchedFromItsPrivateUrlWithTheBotToken() throws Exception {
        byte[] png = random(200_000);
        Inbound in = received(slack.files().add("F1", "cat.png", "image/png", png));
        Inbound.Attachment a = in.attachments().getFirst();
        assertThat(a.kind()).isEqualTo(Inbound.Attachment.Kind.IMAGE);
        assertThat(a.fileId()).endsWith("/files-pri/T1-F1/download/cat.png");
        try (InputStream data = channel.fetch(a, 1_000_000)) {
            assertThat(data.readAllBytes()).isEqualTo(png);
        }
        assertThat(slack.files().downloads()).singleElement()
                .satisfies(d -> assertThat(d.authorization()).isEqualTo("Bearer " + FakeSlack.BOT_TOKEN));
    }

    @Test
    void aFileSlackSentOnlyByIdIsLookedUpWithFilesInfoAndTheCapIsRespected() throws Exception {
        Inbound in = received(slack.files().hidden("F2", "big.bin", "application/octet-stream", random(2_000_000)));
        Inbound.Attachment a = in.attachments().getFirst();
        assertThat(a.fileId()).isEqualTo("F2");
        try (InputStream data = channel.fetch(a, 50_000)) {
            assertThat(data.readAllBytes()).hasSize(50_001);
        }
        assertThat(slack.calls("files.info")).singleElement().satisfies(c -> assertThat(c.params()).containsEntry("file", "F2"));
    }

    @Test
    void aDeletedFileASignInPageAndAForeignAddressAreClearErrorsWithoutTheToken() throws Exception {
        ObjectNode f = slack.files().add("F3", "gone.pdf", "application/pdf", random(10));
        slack.files().delete("F3");
        Inbound.Attachment gone = new Inbound.Attachment(Inbound.Attachment.Kind.DOCUMENT, "gone.pdf", "application/pdf", 10,
                f.get("url_private_download").asText());
        assertThatThrownBy(() -> channel.fetch(gone, 1000)).isInstanceOf(IOException.class)
                .hasMessageContaining("no longer has the file").hasMessageNotContaining(FakeSlack.BOT_TOKEN);

        ObjectNode g = slack.files().add("F4", "doc.pdf", "application/pdf", random(10));
        channel.stop();
        channel = SlackChannelTest.channel(slack, "xoxb-a-token-without-files-read");
        Inbound.Attachment noScope = new Inbound.Attachment(Inbound.Attachment.Kind.DOCUMENT, "doc.pdf", "application/pdf", 10,
                g.get("url_private_download").asText());
        assertThatThrownBy(() -> channel.fetch(noScope, 1000)).hasMessageContaining("files:read")
                .hasMessageNotContaining("xoxb-");

        Inbound.Attachment elsewhere = new Inbound.Attachment(Inbound.Attachment.Kind.DOCUMENT, "x", null, 1,
                "https://evil.example/files-pri/T1-F4/download/doc.pdf");
        assertThatThrownBy(() -> channel.fetch(elsewhere, 1000)).hasMessageContaining("not Slack's");
        assertThat(slack.files().downloads()).noneMatch(d -> d.path().contains("evil"));
    }

    private OutgoingFile outgoing(String name, byte[] bytes, String caption, Speaker speaker, Outgoing.ReplyTo replyTo)
            throws IOException {
        Path p = Files.write(dir.resolve(name), bytes);
        return new OutgoingFile("slack:C1", new OutgoingFile.FileRef(p, name, "application/pdf", bytes.length), caption,
                speaker, replyTo);
    }

    @Test
    void aFileIsUploadedAndSharedInTheThreadWithItsCaption() throws Exception {
        assertThat(channel.capabilities().media()).isTrue();
        byte[] pdf = random(123_456);
        channel.sendFile(outgoing("report.pdf", pdf, channel.format("**Q1** report"), new Speaker("Andy", null),
                new Outgoing.ReplyTo("1700000000.000200", "1700000000.000100", false)));
        assertThat(slack.calls("files.getUploadURLExternal")).singleElement()
                .satisfies(c -> assertThat(c.params()).containsEntry("filename", "report.pdf").containsEntry("length", "123456"));
        assertThat(slack.files().shared()).singleElement().satisfies(s -> {
            assertThat(s.bytes()).isEqualTo(pdf);
            assertThat(s.title()).isEqualTo("report.pdf");
            assertThat(s.channel()).isEqualTo("C1");
            assertThat(s.threadTs()).isEqualTo("1700000000.000100");
            assertThat(s.comment()).isEqualTo("*Q1* report");
        });
        assertThat(slack.calls("files.upload")).as("the retired method is not used").isEmpty();

        channel.sendFile(outgoing("notes.pdf", random(10), null, new Speaker("Andy", "researcher"), null));
        assertThat(slack.files().shared().getLast()).satisfies(s -> {
            assertThat(s.threadTs()).isNull();
            assertThat(s.comment()).isEqualTo("*Andy · researcher*");
        });
    }

    @Test
    void aRateLimitIsRateLimitedAndAFileOverSlacksLimitIsUndeliverable() throws Exception {
        slack.fail("files.getUploadURLExternal", 429, "12", 1);
        assertThatThrownBy(() -> channel.sendFile(outgoing("a.pdf", random(10), null, null, null)))
                .isInstanceOfSatisfying(RateLimited.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(12)));

        Path huge = dir.resolve("huge.iso");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength((1L << 30) + 1);
        }
        assertThatThrownBy(() -> channel.sendFile(new OutgoingFile("slack:C1", new OutgoingFile.FileRef(huge, "huge.iso",
                "application/octet-stream", Files.size(huge)), null, null, null)))
                .isInstanceOf(Undeliverable.class).hasMessageContaining("1 GB");
        assertThat(slack.calls("files.getUploadURLExternal")).hasSize(1);
    }
}
