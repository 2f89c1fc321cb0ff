package dev.pincer.channel.telegram;

import dev.pincer.host.channel.RecordingContext;
import static dev.pincer.channel.telegram.TgUpdates.privateChat;
import static dev.pincer.channel.telegram.TgUpdates.text;
import static dev.pincer.channel.telegram.TgUpdates.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static dev.pincer.host.channel.ChannelFixtures.random;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.host.channel.ChannelSettings;
import dev.pincer.host.channel.ChannelState;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.Inbound.Attachment.Kind;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files in and out of the Telegram channel, against the fake Bot API. */
class TelegramFilesTest {

    static final String TOKEN = "7001:files-token-abcdefgh";

    @TempDir Path data;
    FakeBotApi api;
    TelegramChannel channel;

    @BeforeEach
    void fake() throws Exception {
        api = new FakeBotApi().bot(TOKEN, 7001, "pincer_test_bot");
        channel = new TelegramChannel(settings(), data, TelegramChannelTest.FAST);
    }

    private TelegramSettings settings() {
        return TelegramSettings.from(new ChannelSettings(Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", api.url()), data,
                "Andy")).orElseThrow();
    }

    @AfterEach
    void stop() {
        channel.stop();
        api.close();
    }

    private static Inbound.Attachment attachment(String fileId) {
        return new Inbound.Attachment(Kind.DOCUMENT, "plan.pdf", "application/pdf", 0, fileId);
    }

    @Test
    void aReceivedFileIsFetchedWithGetFileAndTheBotsDownloadUrl() throws Exception {
        byte[] pdf = random(300_000);
        api.files().add("doc-1", "pdf", pdf);
        try (InputStream in = channel.fetch(attachment("doc-1"), 1_000_000)) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
        assertThat(api.calls("getFile")).singleElement().satisfies(c -> {
            assertThat(c.token()).isEqualTo(TOKEN);
            assertThat(c.body().get("file_id").asText()).isEqualTo("doc-1");
        });
        assertThat(api.files().downloads()).singleElement().satisfies(d -> assertThat(d.token()).as("the bot's token")
                .isEqualTo(TOKEN));
    }

    @Test
    void aFileLargerThanTheCapIsReadOnlyOneByteBeyondIt() throws Exception {
        api.files().add("big", "bin", random(3_000_000));
        try (InputStream in = channel.fetch(attachment("big"), 100_000)) {
            assertThat(in.readAllBytes()).hasSize(100_001);
        }
    }

    @Test
    void aFileTelegramForgotOrNeverHadIsAClearErrorWithoutTheToken() throws Exception {
        assertThatThrownBy(() -> channel.fetch(attachment("nope"), 1000)).isInstanceOf(IOException.class)
                .hasMessageContaining("Telegram does not know this file").hasMessageNotContaining(TOKEN);
        api.files().add("old", "jpg", random(10));
        api.files().expire("old");
        assertThatThrownBy(() -> channel.fetch(attachment("old"), 1000)).isInstanceOf(IOException.class)
                .hasMessageContaining("no longer has the file").hasMessageNotContaining(TOKEN).hasMessageNotContaining("7001:");
    }

    @Test
    void theFilesStringNeverShowsTheToken() {
        assertThat(new TelegramFiles(null, null, settings()).toString()).doesNotContain(TOKEN).doesNotContain("files-token");
    }

    @Test
    void animationsAndVideoNotesAreVideosWithTheirFileIds() {
        RecordingContext context = new RecordingContext();
        channel.start(context);
        await().atMost(Duration.ofSeconds(10)).until(() -> context.last() instanceof ChannelState.Connected);
        ObjectNode gif = text(privateChat(42, "Ann"), user(42, "Ann", null), null);
        gif.putObject("animation").put("file_id", "anim1").put("file_unique_id", "a").put("width", 1).put("height", 1)
                .put("duration", 1).put("file_name", "fun.mp4").put("mime_type", "video/mp4").put("file_size", 50);
        gif.putObject("document").put("file_id", "anim1").put("file_unique_id", "a").put("file_name", "fun.mp4")
                .put("mime_type", "video/mp4").put("file_size", 50);
        gif.putObject("video_note").put("file_id", "round1").put("file_unique_id", "r").put("length", 240).put("duration", 2)
                .put("file_size", 70);
        api.deliver(TOKEN, gif);
        await().atMost(Duration.ofSeconds(10)).until(() -> !context.received.isEmpty());
        assertThat(context.received.getFirst().attachments()).containsExactly(
                new Inbound.Attachment(Kind.VIDEO, "fun.mp4", "video/mp4", 50, "anim1"),
                new Inbound.Attachment(Kind.VIDEO, null, "video/mp4", 70, "round1"));
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(data.resolve(name), bytes);
    }

    private static OutgoingFile outgoing(Path path, String mime, String caption, Outgoing.ReplyTo replyTo) throws IOException {
        return new OutgoingFile("tg:-100123", new OutgoingFile.FileRef(path, path.getFileName().toString(), mime, Files.size(path)),
                caption, new Speaker("Andy", null), replyTo);
    }

    @Test
    void anImageGoesAsAPhotoAndOtherFilesAsDocumentsWithTheirCaptionInTheThread() throws Exception {
        assertThat(channel.capabilities().media()).isTrue();
        byte[] png = random(40_000);
        String id = channel.sendFile(outgoing(file("chart.png", png), "image/png", channel.format("**Sales** <q1> & more"),
                new Outgoing.ReplyTo("555", "77", true)));
        assertThat(id).isNotBlank();
        FakeBotFiles.Upload photo = api.files().uploads().getFirst();
        assertThat(photo.method()).isEqualTo("sendphoto");
        assertThat(photo.token()).isEqualTo(TOKEN);
        assertThat(photo.fileName()).isEqualTo("chart.png");
        assertThat(photo.bytes()).isEqualTo(png);
        assertThat(photo.fields()).containsEntry("chat_id", "-100123").containsEntry("caption", "<b>Sales</b> &lt;q1&gt; &amp; more")
                .containsEntry("reply_to_message_id", "555").containsEntry("message_thread_id", "77");
        assertThat(photo.fields().get("parse_mode")).isEqualToIgnoringCase("html");

        byte[] pdf = random(70_000);
        channel.sendFile(outgoing(file("report.pdf", pdf), "application/pdf", null, null));
        FakeBotFiles.Upload doc = api.files().uploads().get(1);
        assertThat(doc.method()).isEqualTo("senddocument");
        assertThat(doc.bytes()).isEqualTo(pdf);
        assertThat(doc.fields()).doesNotContainKeys("caption", "reply_to_message_id", "message_thread_id");
    }

    @Test
    void aCaptionTooLongForTelegramGoesFirstAsAMessage() throws Exception {
        String caption = channel.format("A long note about the file. ".repeat(60));
        channel.sendFile(outgoing(file("notes.txt", "hello".getBytes()), "text/plain", caption, null));
        assertThat(api.calls("sendMessage")).singleElement()
                .satisfies(c -> assertThat(c.body().get("text").asText()).isEqualTo(caption));
        assertThat(api.files().uploads()).singleElement().satisfies(u -> assertThat(u.fields()).doesNotContainKey("caption"));
        List<String> order = api.calls().stream().map(FakeBotApi.Call::method).filter(m -> m.startsWith("send")).toList();
        assertThat(order).containsExactly("sendmessage", "senddocument");
    }

    @Test
    void aSubAgentsFileCarriesItsNameAndAPhotoTelegramRefusesAsAPhotoGoesAsADocument() throws Exception {
        api.failNext("sendPhoto", 400, "Bad Request: PHOTO_INVALID_DIMENSIONS", null);
        channel.sendFile(new OutgoingFile("tg:42", new OutgoingFile.FileRef(file("strip.jpg", random(500)), "strip.jpg",
                "image/jpeg", 500), null, new Speaker("Andy", "artist"), null));
        assertThat(api.files().uploads()).extracting(FakeBotFiles.Upload::method).containsExactly("sendphoto", "senddocument");
        assertThat(api.files().uploads().getLast().fields().get("caption")).isEqualTo("<b>Andy · artist</b>\n");
    }

    @Test
    void tooLargeFilesAreUndeliverableBeforeAnythingIsSentAndA429IsRateLimited() throws Exception {
        Path huge = data.resolve("huge.zip");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(51L << 20);
        }
        assertThatThrownBy(() -> channel.sendFile(outgoing(huge, "application/zip", null, null)))
                .isInstanceOf(Undeliverable.class).hasMessageContaining("50 MB").hasMessageContaining("huge.zip");
        assertThat(api.calls()).isEmpty();

        api.failNext("sendDocument", 429, "Too Many Requests: retry after 9", 9);
        assertThatThrownBy(() -> channel.sendFile(outgoing(file("a.txt", "x".getBytes()), "text/plain", null, null)))
                .isInstanceOfSatisfying(RateLimited.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(9)));
        api.failNext("sendDocument", 413, "Request Entity Too Large", null);
        assertThatThrownBy(() -> channel.sendFile(outgoing(file("b.txt", "x".getBytes()), "text/plain", null, null)))
                .isInstanceOf(Undeliverable.class).hasMessageContaining("too large");
    }
}
