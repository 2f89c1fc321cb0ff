package dev.pincer.host.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.channel.Capabilities;
import dev.pincer.host.channel.RecordingChannel;
import dev.pincer.host.media.AttachmentStore;
import dev.pincer.host.store.FreshStore;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.OutboxStore;
import dev.pincer.host.store.StoredMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Files in the outbox: sent through the channel from the group's media folder and recorded with the
 * chat's message; a channel that takes no files, a file that vanished, or a platform that keeps
 * refusing it becomes a text that says so, so the chat is never left without word.
 */
class OutboxFilesTest extends FreshStore {

    MessageStore messages;
    OutboxStore store;
    Path media;

    @BeforeEach
    void open() throws IOException {
        messages = new MessageStore(db);
        store = new OutboxStore(db, messages);
        media = dir.resolve("groups/family/inbox");
        Files.createDirectories(media.resolve("2026-12"));
        Files.writeString(media.resolve("2026-12/abc-report.pdf"), "%PDF report");
    }

    private static final OutboxStore.FileRow REPORT =
            new OutboxStore.FileRow("family", "2026-12/abc-report.pdf", "report.pdf", "application/pdf", 11);

    private static RecordingChannel chat(boolean media) {
        return new RecordingChannel("chat", "ch", new Capabilities(500, false, null, false, false, media));
    }

    private boolean deliver(RecordingChannel channel) {
        return new Outbox(store, List.of(channel), "Andy", f -> dir.resolve("groups").resolve(f).resolve("inbox")).deliverPending();
    }

    @Test
    void aFileIsSentWithItsCaptionAndShownWithTheChatsMessage() {
        RecordingChannel channel = chat(true);
        store.enqueueFile("ch:1", "the report", "researcher", REPORT);

        assertThat(deliver(channel)).isTrue();

        assertThat(channel.files).singleElement().satisfies(f -> {
            assertThat(new String(f.bytes())).isEqualTo("%PDF report");
            assertThat(f.file().file().name()).isEqualTo("report.pdf");
            assertThat(f.file().caption()).isEqualTo("the report");
            assertThat(f.file().speaker().shown()).isEqualTo("Andy · researcher");
        });
        StoredMessage m = messages.after("ch:1", 0, 10).getFirst();
        assertThat(m.text()).isEqualTo("the report");
        assertThat(new AttachmentStore(db).of("ch:1", List.of(m.id()))).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("report.pdf");
            assertThat(a.stored().path()).isEqualTo("2026-12/abc-report.pdf");
        });
    }

    @Test
    void aChannelThatTakesNoFilesSendsTheCaptionWithANote() {
        RecordingChannel channel = chat(false);
        store.enqueueFile("ch:1", "the report", null, REPORT);

        assertThat(deliver(channel)).isTrue();

        assertThat(channel.sent).singleElement().satisfies(o -> assertThat(o.text())
                .startsWith("the report").contains("could not send the file \"report.pdf\"").contains("cannot take files"));
        StoredMessage m = messages.after("ch:1", 0, 10).getFirst();
        assertThat(new AttachmentStore(db).of("ch:1", List.of(m.id()))).as("no file went").isEmpty();
    }

    @Test
    void aFileThePlatformKeepsRefusingIsToldAfterTheLastTry() {
        RecordingChannel channel = chat(true);
        for (int i = 0; i < DeliveryLane.FILE_ATTEMPTS; i++) {
            channel.failNext(new IOException("413 file too large"));
        }
        store.enqueueFile("ch:1", "", null, REPORT);

        for (int i = 1; i < DeliveryLane.FILE_ATTEMPTS; i++) {
            assertThat(deliver(channel)).as("try %d fails and waits", i).isFalse();
            assertThat(channel.sent).isEmpty();
        }
        assertThat(deliver(channel)).isTrue();

        assertThat(channel.files).isEmpty();
        assertThat(channel.sent).singleElement().satisfies(o -> assertThat(o.text())
                .contains("report.pdf").contains("413 file too large"));
    }

    @Test
    void aFileGoneFromTheMediaFolderIsToldNotRetriedForever() throws IOException {
        Files.delete(media.resolve("2026-12/abc-report.pdf"));
        RecordingChannel channel = chat(true);
        store.enqueueFile("ch:1", "", null, REPORT);

        assertThat(deliver(channel)).isTrue();

        assertThat(channel.sent).singleElement().satisfies(o -> assertThat(o.text()).contains("no longer"));
    }

    @Test
    void aRateLimitWaitsAndDoesNotCountAsARefusal() {
        RecordingChannel channel = chat(true);
        for (int i = 0; i < DeliveryLane.FILE_ATTEMPTS + 1; i++) {
            channel.failNext(RecordingChannel.rateLimited(Duration.ofMillis(1)));
        }
        store.enqueueFile("ch:1", "", null, REPORT);
        for (int i = 0; i < DeliveryLane.FILE_ATTEMPTS + 1; i++) {
            deliver(channel);
        }

        assertThat(deliver(channel)).isTrue();
        assertThat(channel.files).hasSize(1);
        assertThat(channel.sent).isEmpty();
    }
}
