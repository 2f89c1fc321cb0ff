package dev.pincer.channel.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static dev.pincer.host.channel.ChannelFixtures.random;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Files in and out of the Discord channel, through real JDA against the fake Discord. */
class DiscordFilesTest extends FakeDiscordTestBase {

    @BeforeEach
    void connected() {
        connect();
    }

    private Inbound.Attachment received(String name, String type, byte[] bytes) {
        String id = discord.say(discord.server().channelId(), "look").attaching(name, type, bytes).send();
        await().atMost(Duration.ofSeconds(10)).until(() -> context.byId(id) != null);
        return context.byId(id).attachments().getFirst();
    }

    @Test
    void anAttachmentIsFetchedFromItsCdnAddressWithoutCredentials() throws Exception {
        byte[] png = random(150_000);
        Inbound.Attachment a = received("photo.png", "image/png", png);
        assertThat(a.fileId()).contains("/attachments/" + discord.server().channelId() + "/").contains("photo.png?ex=");
        try (InputStream in = channel.fetch(a, 1_000_000)) {
            assertThat(in.readAllBytes()).isEqualTo(png);
        }
        assertThat(discord.files().downloads()).singleElement()
                .satisfies(d -> assertThat(d.authorization()).as("the bot token never goes to the CDN").isNull());
    }

    @Test
    void aLargerFileIsReadOnlyOneByteBeyondTheCapAndAnExpiredLinkIsAClearError() throws Exception {
        Inbound.Attachment a = received("big.bin", "application/octet-stream", random(2_000_000));
        try (InputStream in = channel.fetch(a, 64_000)) {
            assertThat(in.readAllBytes()).hasSize(64_001);
        }
        discord.files().expireAll();
        assertThatThrownBy(() -> channel.fetch(a, 64_000)).isInstanceOf(IOException.class)
                .hasMessageContaining("no longer serves the file");
        Inbound.Attachment foreign = new Inbound.Attachment(Inbound.Attachment.Kind.IMAGE, "x.png", "image/png", 1,
                "http://169.254.169.254/latest/meta-data");
        assertThatThrownBy(() -> channel.fetch(foreign, 100)).hasMessageContaining("is not Discord's");
    }

    private OutgoingFile outgoing(String name, String type, byte[] bytes, String caption, Speaker speaker, Outgoing.ReplyTo to)
            throws IOException {
        Path p = Files.write(data.resolve(name), bytes);
        return new OutgoingFile("dc:" + discord.server().channelId(), new OutgoingFile.FileRef(p, name, type, bytes.length),
                caption, speaker, to);
    }

    @Test
    void aFileGoesAsAnAttachmentWithItsCaptionInTheThread() throws Exception {
        assertThat(channel.capabilities().media()).isTrue();
        FakeDiscord.Server s = discord.server();
        String asked = discord.say(s.threadId(), "the chart please").send();
        byte[] png = random(80_000);
        String id = channel.sendFile(outgoing("chart.png", "image/png", png, channel.format("**Q1** chart"),
                new Speaker("Andy", null), new Outgoing.ReplyTo(asked, s.threadId(), false)));
        assertThat(id).matches("\\d+");
        assertThat(discord.files().uploads()).singleElement().satisfies(u -> {
            assertThat(u.channelId()).as("into the thread").isEqualTo(s.threadId());
            assertThat(u.fileName()).isEqualTo("chart.png");
            assertThat(u.bytes()).isEqualTo(png);
            assertThat(u.content()).isEqualTo("**Q1** chart");
        });
        assertThat(discord.sent()).singleElement().satisfies(m -> {
            assertThat(m.replyTo()).isEqualTo(asked);
            assertThat(m.allowedMentions()).containsExactly("users");
        });

        channel.sendFile(outgoing("notes.txt", "text/plain", "hello".getBytes(), null, new Speaker("Andy", "scribe"), null));
        assertThat(discord.files().uploads().getLast()).satisfies(u -> {
            assertThat(u.channelId()).isEqualTo(s.channelId());
            assertThat(u.content()).isEqualTo("**Andy · scribe**");
        });
    }

    @Test
    void aCaptionLongerThanAMessageGoesFirstOnItsOwn() throws Exception {
        String caption = "A paragraph about the file. ".repeat(120);
        channel.sendFile(outgoing("a.txt", "text/plain", "x".getBytes(), caption, new Speaker("Andy", null), null));
        assertThat(discord.sent()).hasSizeGreaterThan(2).allSatisfy(m -> assertThat(m.content().length()).isLessThanOrEqualTo(2000));
        assertThat(discord.sent().getLast().content()).as("the file's own message").isEmpty();
        assertThat(discord.files().uploads()).singleElement().satisfies(u -> assertThat(u.content()).isEmpty());
    }

    @Test
    void aFileOverTheLimitIsUndeliverableBeforeSendingAndA429IsRateLimited() throws Exception {
        Path huge = data.resolve("huge.mov");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength((10L << 20) + 1);
        }
        assertThatThrownBy(() -> channel.sendFile(new OutgoingFile("dc:" + discord.server().channelId(),
                new OutgoingFile.FileRef(huge, "huge.mov", "video/quicktime", Files.size(huge)), null, null, null)))
                .isInstanceOf(Undeliverable.class).hasMessageContaining("up to 10 MB").hasMessageContaining("huge.mov");
        assertThat(discord.attempts()).isEmpty();

        discord.rateLimit(1, 4);
        assertThatThrownBy(() -> channel.sendFile(outgoing("b.txt", "text/plain", "x".getBytes(), null, null, null)))
                .isInstanceOfSatisfying(RateLimited.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(4)));
    }
}
