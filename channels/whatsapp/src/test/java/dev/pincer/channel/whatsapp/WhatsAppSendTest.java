package dev.pincer.channel.whatsapp;

import static dev.pincer.channel.whatsapp.TestChannels.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.OutgoingFile;
import dev.pincer.host.channel.RateLimited;
import dev.pincer.host.channel.Speaker;
import dev.pincer.host.channel.Undeliverable;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What goes out: text parts with the reply context and a sub-agent's name, files by upload, media
 * downloads through the host; and what the platform says back: a rate limit, the 24-hour window
 * (checked here first, and the platform's own 131047), refusals for good.
 */
class WhatsAppSendTest extends GraphChannelTest {

    static final String NUMBER = "4915112345678";
    static final String CHAT = "wa:" + NUMBER;

    final TestChannels.MovableClock clock = new TestChannels.MovableClock(Instant.now());

    @Override
    Clock clock() {
        return clock;
    }

    @BeforeEach
    void start() throws Exception {
        channel.start(context);
        signed(channel, WaPayloads.text(NUMBER, "Ann", "wamid.IN1", "can you help?"));
    }

    private static Outgoing part(String text, Speaker speaker, Outgoing.ReplyTo replyTo, int index, int count) {
        return new Outgoing(CHAT, text, speaker, replyTo, new Outgoing.Part(index, count));
    }

    @Test
    void partsGoOutInOrderWithTheReplyContextOnTheFirstAndASubAgentsName() throws Exception {
        Outgoing.ReplyTo replyTo = new Outgoing.ReplyTo("wamid.IN1", null, true);
        String first = channel.send(part("one", new Speaker("Andy", null), replyTo, 1, 2));
        String second = channel.send(part("two", new Speaker("Andy", "researcher"), replyTo, 2, 2));
        channel.send(part("no reply", new Speaker("Andy", null), new Outgoing.ReplyTo("wamid.IN1", null, false), 1, 1));

        assertThat(first).startsWith("wamid.OUT").isNotEqualTo(second);
        assertThat(graph.sent()).hasSize(3);
        var one = graph.sent().get(0);
        assertThat(one.path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(one.path("to").asText()).isEqualTo(NUMBER);
        assertThat(one.path("type").asText()).isEqualTo("text");
        assertThat(one.path("text").path("body").asText()).isEqualTo("one");
        assertThat(one.path("text").path("preview_url").asBoolean(true)).isFalse();
        assertThat(one.path("context").path("message_id").asText()).isEqualTo("wamid.IN1");
        assertThat(graph.sent().get(1).has("context")).as("only the first part quotes the message").isFalse();
        assertThat(graph.sent().get(1).path("text").path("body").asText()).isEqualTo("*Andy · researcher*\ntwo");
        assertThat(graph.sent().get(2).has("context")).as("not a reply: no quote").isFalse();
        assertThat(graph.calls).allSatisfy(c -> assertThat(c.authorization()).isEqualTo("Bearer " + FakeGraph.TOKEN));
    }

    @Test
    void theLimitLeavesRoomForASubAgentsNameWithinWhatsAppsFourThousandAndNinetySix() throws Exception {
        int max = channel.capabilities().maxLength();
        channel.send(part("x".repeat(max), new Speaker("Andy", "r".repeat(200)), null, 1, 1));
        assertThat(graph.sent().get(0).path("text").path("body").asText().length()).isLessThanOrEqualTo(4096);
    }

    @Test
    void aReplyMoreThanADayAfterTheirLastMessageIsRefusedHereAndRemembered() throws Exception {
        clock.move(Duration.ofHours(23));
        channel.send(part("still in time", null, null, 1, 1));
        clock.move(Duration.ofHours(2));

        assertThatThrownBy(() -> channel.send(part("too late", null, null, 1, 1))).isInstanceOf(Undeliverable.class)
                .hasMessageContaining("24 hours").hasMessageContaining(CHAT).hasMessageContaining("once they write");
        assertThat(graph.attempts()).extracting(j -> j.path("text").path("body").asText()).containsExactly("still in time");

        WhatsAppChannel again = TestChannels.channel(graph, dir.resolve("data"), clock);
        assertThatThrownBy(() -> again.send(part("after a restart", null, null, 1, 1))).isInstanceOf(Undeliverable.class);
        var back = WaPayloads.message(NUMBER, "wamid.IN2", "text").put("timestamp", String.valueOf(clock.instant().getEpochSecond()));
        back.putObject("text").put("body", "back again");
        signed(channel, WaPayloads.messages(NUMBER, "Ann", back));
        clock.move(Duration.ofSeconds(1));
        assertThat(channel.send(part("welcome back", null, null, 1, 1))).startsWith("wamid.");
    }

    @Test
    void anAnswerSentWhileTheMessageIsStillBeingHandedInSeesTheWindowOpenAgain() {
        clock.move(Duration.ofHours(30));
        java.util.List<String> answered = new java.util.concurrent.CopyOnWriteArrayList<>();
        WhatsAppChannel restarted = TestChannels.channel(graph, dir.resolve("data"), clock);
        restarted.start(new dev.pincer.host.channel.ChannelContext() {
            @Override
            public void receive(Inbound m) {
                try { // like a pairing code the router queues before the webhook has answered
                    answered.add(restarted.send(new Outgoing(m.chat().id(), "got it", null, null, Outgoing.Part.ONLY)));
                } catch (Exception e) {
                    answered.add(e.toString());
                }
            }

            @Override
            public void state(dev.pincer.host.channel.ChannelState state) {
            }
        });
        try {
            var again = WaPayloads.message(NUMBER, "wamid.IN3", "text").put("timestamp", String.valueOf(clock.instant().getEpochSecond()));
            again.putObject("text").put("body", "it's me again");
            signed(restarted, WaPayloads.messages(NUMBER, "Ann", again));
            assertThat(answered).singleElement().asString().startsWith("wamid.");
        } finally {
            restarted.stop();
        }
    }

    @Test
    void thePlatformsOwnWindowRefusalAndOtherRefusalsForGoodAreUndeliverable() {
        graph.failNextSends(FakeGraph.error(400, 131047, "Re-engagement message"),
                FakeGraph.error(400, 131026, "Message undeliverable"));
        assertThatThrownBy(() -> channel.send(part("a", null, null, 1, 1))).isInstanceOf(Undeliverable.class)
                .hasMessageContaining("24 hours").hasMessageContaining("131047");
        assertThatThrownBy(() -> channel.send(part("b", null, null, 1, 1))).isInstanceOf(Undeliverable.class)
                .hasMessageContaining("131026").hasMessageContaining("Message undeliverable");
        assertThatThrownBy(() -> channel.send(new Outgoing("wa:not-a-number", "c", null, null, Outgoing.Part.ONLY)))
                .isInstanceOf(Undeliverable.class).hasMessageContaining("digits only");
    }

    @Test
    void aRateLimitSaysHowLongToWait() {
        graph.failNextSends(new FakeGraph.Answer(429, FakeGraph.error(429, 130429, "Rate limit hit").body(), "7"),
                FakeGraph.error(400, 131056, "(Business Account, Consumer Account) pair rate limit hit"));
        assertThatThrownBy(() -> channel.send(part("a", null, null, 1, 1))).isInstanceOfSatisfying(RateLimited.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        assertThatThrownBy(() -> channel.send(part("b", null, null, 1, 1))).isInstanceOfSatisfying(RateLimited.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
        assertThat(context.lastState()).as("a rate limit is no outage").isEqualTo("connected");
    }

    @Test
    void aPhotoIsUploadedThenSentByIdAndOtherFilesAsDocuments() throws Exception {
        Path png = Files.write(dir.resolve("chart.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Path pdf = Files.write(dir.resolve("report.pdf"), "%PDF-1.7 report".getBytes());
        String photo = channel.sendFile(new OutgoingFile(CHAT, new OutgoingFile.FileRef(png, "chart.png", "image/png", 7),
                "the chart", new Speaker("Andy", null), new Outgoing.ReplyTo("wamid.IN1", null, true)));
        channel.sendFile(new OutgoingFile(CHAT, new OutgoingFile.FileRef(pdf, "report \"Q3\".pdf", "application/pdf", 15),
                null, new Speaker("Andy", "analyst"), null));

        assertThat(photo).startsWith("wamid.");
        assertThat(graph.uploads()).hasSize(2);
        assertThat(graph.uploads().get(0).contentType()).startsWith("multipart/form-data; boundary=");
        assertThat(graph.uploads().get(0).text()).contains("name=\"messaging_product\"\r\n\r\nwhatsapp")
                .contains("name=\"type\"\r\n\r\nimage/png").contains("filename=\"chart.png\"").contains("PNG\u0001\u0002\u0003");
        assertThat(graph.uploads().get(1).text()).contains("filename=\"report _Q3_.pdf\"");
        var first = graph.sent().get(0);
        assertThat(first.path("type").asText()).isEqualTo("image");
        assertThat(first.path("image").path("id").asText()).isEqualTo("upload-1");
        assertThat(first.path("image").path("caption").asText()).isEqualTo("the chart");
        assertThat(first.path("context").path("message_id").asText()).isEqualTo("wamid.IN1");
        var second = graph.sent().get(1);
        assertThat(second.path("type").asText()).isEqualTo("document");
        assertThat(second.path("document").path("filename").asText()).isEqualTo("report \"Q3\".pdf");
        assertThat(second.path("document").path("caption").asText()).isEqualTo("*Andy · analyst*");

        Path huge = Files.write(dir.resolve("huge.bin"), new byte[1]);
        assertThatThrownBy(() -> channel.sendFile(new OutgoingFile(CHAT, new OutgoingFile.FileRef(huge, "huge.bin",
                "application/octet-stream", 101L << 20), null, null, null))).isInstanceOf(Undeliverable.class)
                .hasMessageContaining("100 MB");
    }

    @Test
    void aReceivedFileIsDownloadedThroughTheHostWithTheTokenAndCapped() throws Exception {
        byte[] photo = new byte[5000];
        new java.util.Random(7).nextBytes(photo);
        graph.addMedia("1037543291543636", photo);
        Inbound.Attachment a = new Inbound.Attachment(Inbound.Attachment.Kind.IMAGE, null, "image/jpeg", 0, "1037543291543636");

        try (InputStream in = channel.fetch(a, 10_000)) {
            assertThat(in.readAllBytes()).isEqualTo(photo);
        }
        try (InputStream in = channel.fetch(a, 1000)) {
            assertThat(in.readAllBytes()).as("at most maxBytes + 1").hasSize(1001);
        }
        assertThat(graph.downloads()).hasSize(2).allSatisfy(c -> assertThat(c.authorization()).isEqualTo("Bearer " + FakeGraph.TOKEN));
        assertThatThrownBy(() -> channel.fetch(new Inbound.Attachment(Inbound.Attachment.Kind.IMAGE, null, null, 0, "../x"), 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
