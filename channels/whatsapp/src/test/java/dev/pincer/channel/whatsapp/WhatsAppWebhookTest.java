package dev.pincer.channel.whatsapp;

import static dev.pincer.channel.whatsapp.TestChannels.get;
import static dev.pincer.channel.whatsapp.TestChannels.post;
import static dev.pincer.channel.whatsapp.TestChannels.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.channel.whatsapp.webhook.WebhookEndpoint;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.Inbound.Attachment.Kind;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook as Meta calls it: the verification handshake, the signature over the raw body (a
 * call without it stores nothing), a redelivery stored once, every kind of message mapped, read
 * receipts after storing, and failed delivery statuses told to main.
 */
class WhatsAppWebhookTest extends GraphChannelTest {

    @BeforeEach
    void start() {
        channel.start(context);
    }

    @Test
    void theHandshakeEchoesTheChallengeOnlyForTheRightVerifyToken() {
        var ok = get(channel, Map.of("hub.mode", "subscribe", "hub.verify_token", FakeGraph.VERIFY_TOKEN, "hub.challenge", "1158201444"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(TestChannels.text(ok)).isEqualTo("1158201444");
        assertThat(ok.contentType()).startsWith("text/plain");

        assertThat(get(channel, Map.of("hub.mode", "subscribe", "hub.verify_token", "guess", "hub.challenge", "1")).status()).isEqualTo(403);
        assertThat(get(channel, Map.of("hub.mode", "unsubscribe", "hub.verify_token", FakeGraph.VERIFY_TOKEN, "hub.challenge", "1"))
                .status()).isEqualTo(403);
        assertThat(get(channel, Map.of("hub.challenge", "1")).status()).isEqualTo(403);
        assertThat(channel.webhook().orElseThrow().path()).isEqualTo("/webhooks/whatsapp");
    }

    @Test
    void onlyACallSignedWithTheAppSecretIsStored() {
        String body = WaPayloads.text("4915112345678", "Ann", "wamid.A1", "hello");

        assertThat(post(channel, body, null).status()).as("no signature").isEqualTo(401);
        assertThat(post(channel, body, "sha256=" + "0".repeat(64)).status()).as("a wrong one").isEqualTo(401);
        assertThat(post(channel, body, dev.pincer.channel.whatsapp.webhook.Signature.sign("another-secret",
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8))).status()).as("another app's").isEqualTo(401);
        assertThat(post(channel, body.replace("hello", "hellO"), WaPayloads.sign(body)).status()).as("a changed body").isEqualTo(401);
        assertThat(context.received).isEmpty();
        assertThat(context.stored("wa:4915112345678")).isEmpty();

        assertThat(post(channel, body, WaPayloads.sign(body).toUpperCase().replace("SHA256=", "sha256=")).status())
                .as("hex in capitals is the same signature").isEqualTo(200);
        assertThat(context.stored("wa:4915112345678")).extracting(m -> m.text()).containsExactly("hello");
    }

    @Test
    void aRedeliveryIsStoredOnceAndEveryMessageIsMarkedRead() {
        String body = WaPayloads.text("4915112345678", "Ann", "wamid.DUP", "only once please");
        assertThat(signed(channel, body).status()).isEqualTo(200);
        assertThat(signed(channel, body).status()).isEqualTo(200);

        assertThat(context.stored("wa:4915112345678")).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("wamid.DUP");
            assertThat(m.text()).isEqualTo("only once please");
            assertThat(m.sender().name()).isEqualTo("Ann");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> graph.readReceipts().size() == 2);
        assertThat(graph.readReceipts()).containsOnly("wamid.DUP");
    }

    @Test
    void messagesOfEveryKindAreMapped() {
        String from = "4915112345678";
        ObjectNode reply = WaPayloads.message(from, "wamid.T", "text");
        reply.putObject("text").put("body", "answering you");
        reply.putObject("context").put("from", WaPayloads.OWN_NUMBER).put("id", "wamid.OUT7");
        ObjectNode image = WaPayloads.message(from, "wamid.I", "image");
        image.putObject("image").put("id", "media-1").put("mime_type", "image/jpeg").put("caption", "the view");
        ObjectNode doc = WaPayloads.message(from, "wamid.D", "document");
        doc.putObject("document").put("id", "media-2").put("mime_type", "application/pdf").put("filename", "invoice.pdf");
        ObjectNode voice = WaPayloads.message(from, "wamid.V", "audio");
        voice.putObject("audio").put("id", "media-3").put("mime_type", "audio/ogg; codecs=opus").put("voice", true);
        ObjectNode audio = WaPayloads.message(from, "wamid.AU", "audio");
        audio.putObject("audio").put("id", "media-4").put("mime_type", "audio/mpeg");
        ObjectNode video = WaPayloads.message(from, "wamid.VI", "video");
        video.putObject("video").put("id", "media-5").put("mime_type", "video/mp4");
        ObjectNode sticker = WaPayloads.message(from, "wamid.S", "sticker");
        sticker.putObject("sticker").put("id", "media-6").put("mime_type", "image/webp").put("animated", false);
        ObjectNode place = WaPayloads.message(from, "wamid.L", "location");
        place.putObject("location").put("latitude", 52.52).put("longitude", 13.405).put("name", "Alexanderplatz");
        ObjectNode reaction = WaPayloads.message(from, "wamid.R", "reaction");
        reaction.putObject("reaction").put("message_id", "wamid.OUT7").put("emoji", "👍");
        ObjectNode value = WaPayloads.value(FakeGraph.PHONE_ID);
        value.putArray("contacts").addObject().put("wa_id", from).putObject("profile").put("name", "Ann");
        value.putArray("messages").add(reply).add(image).add(doc).add(voice).add(audio).add(video).add(sticker).add(place).add(reaction);

        assertThat(signed(channel, WaPayloads.wrap(value)).status()).isEqualTo(200);

        assertThat(context.received).extracting(Inbound::id)
                .containsExactly("wamid.T", "wamid.I", "wamid.D", "wamid.V", "wamid.AU", "wamid.VI", "wamid.S", "wamid.L");
        assertThat(context.received).allSatisfy(m -> {
            assertThat(m.chat()).isEqualTo(new Inbound.Chat("wa:" + from, "Ann", false));
            assertThat(m.sender()).isEqualTo(new Inbound.Sender(from, "Ann", false));
        });
        assertThat(context.received.get(0).context().replyToId()).isEqualTo("wamid.OUT7");
        assertThat(context.received.get(1).text()).isEqualTo("the view");
        assertThat(context.received.stream().skip(1).limit(6).map(m -> m.attachments().get(0)).toList())
                .extracting(Inbound.Attachment::kind, Inbound.Attachment::fileId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.IMAGE, "media-1"),
                        org.assertj.core.groups.Tuple.tuple(Kind.DOCUMENT, "media-2"),
                        org.assertj.core.groups.Tuple.tuple(Kind.VOICE, "media-3"),
                        org.assertj.core.groups.Tuple.tuple(Kind.AUDIO, "media-4"),
                        org.assertj.core.groups.Tuple.tuple(Kind.VIDEO, "media-5"),
                        org.assertj.core.groups.Tuple.tuple(Kind.STICKER, "media-6"));
        assertThat(context.received.get(2).attachments().get(0).name()).isEqualTo("invoice.pdf");
        assertThat(context.received.get(2).attachments().get(0).mimeType()).isEqualTo("application/pdf");
        assertThat(context.received.get(7).text()).contains("Alexanderplatz").contains("52.52").contains("13.405");
        assertThat(context.stored("wa:" + from)).extracting(m -> m.text()).contains("[voice]", "[document: invoice.pdf]");
    }

    @Test
    void theBotsOwnNumberIsSelfAndAnotherPhoneNumbersChangesAreNotOurs() {
        ObjectNode other = WaPayloads.value("999999999");
        other.putArray("messages").add(WaPayloads.message("4915100000000", "wamid.X", "text").set("text",
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("body", "for another number")));
        assertThat(signed(channel, WaPayloads.wrap(other)).status()).isEqualTo(200);
        assertThat(context.received).isEmpty();

        assertThat(signed(channel, WaPayloads.text(WaPayloads.OWN_NUMBER, "Pincer Test", "wamid.SELF", "echo")).status()).isEqualTo(200);
        assertThat(context.received).singleElement().satisfies(m -> assertThat(m.sender().self()).isTrue());
        assertThat(context.stored("wa:" + WaPayloads.OWN_NUMBER)).as("the core drops the bot's own").isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedAndOtherMethodsToo() {
        assertThat(signed(channel, "not json").status()).isEqualTo(400);
        assertThat(channel.webhook().orElseThrow().handle(new dev.pincer.host.channel.Webhook.Request("PUT", Map.of(), Map.of(),
                new byte[0])).status()).isEqualTo(405);
    }

    @Test
    void aFailedDeliveryIsToldToMainWithTheReplyItWasAndOthersAreNot() throws Exception {
        String chat = "wa:4915112345678";
        signed(channel, WaPayloads.text("4915112345678", "Ann", "wamid.IN", "hi"));
        String wamid = channel.send(new dev.pincer.host.channel.Outgoing(chat, "Here is the plan for Sunday", null, null,
                dev.pincer.host.channel.Outgoing.Part.ONLY));

        signed(channel, WaPayloads.status(wamid, "4915112345678", "sent", 0, null));
        signed(channel, WaPayloads.status(wamid, "4915112345678", "delivered", 0, null));
        assertThat(context.toMain).isEmpty();
        signed(channel, WaPayloads.status(wamid, "4915112345678", "failed", 131047, "Re-engagement message"));

        assertThat(context.toMain).singleElement().asString().startsWith(chat + ": WhatsApp did not deliver a reply to " + chat)
                .contains("Here is the plan for Sunday").contains("error 131047").contains("Re-engagement message")
                .contains("24 hours");
    }

    @Test
    void theWebhookSecretsNeverShowAsString() {
        String s = new WebhookEndpoint.Secrets("app-secret-123", "verify-456", "15550001").toString();
        assertThat(s).doesNotContain("app-secret-123").doesNotContain("verify-456").contains("15550001");
        String settings = new WhatsAppSettings("graph-token-789", "15550001", "app-secret-123", "verify-456",
                URI.create("http://127.0.0.1:1")).toString();
        assertThat(settings).doesNotContain("graph-token-789").doesNotContain("app-secret-123").doesNotContain("verify-456");
    }
}
