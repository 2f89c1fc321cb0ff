package dev.pincer.channel.whatsappweb.mapping;

import static dev.pincer.channel.whatsappweb.mapping.Wa.ANN;
import static dev.pincer.channel.whatsappweb.mapping.Wa.BOB;
import static dev.pincer.channel.whatsappweb.mapping.Wa.FAMILY;
import static dev.pincer.channel.whatsappweb.mapping.Wa.ME;
import static dev.pincer.channel.whatsappweb.mapping.Wa.ME_JID;
import static dev.pincer.channel.whatsappweb.mapping.Wa.ME_LID;
import static dev.pincer.channel.whatsappweb.mapping.Wa.message;
import static dev.pincer.channel.whatsappweb.mapping.Wa.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.channel.Inbound;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.ChatMessageInfoBuilder;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.ChatMessageKeyBuilder;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.standard.AudioMessageBuilder;
import it.auties.whatsapp.model.message.standard.DocumentMessageBuilder;
import it.auties.whatsapp.model.message.standard.ImageMessageBuilder;
import it.auties.whatsapp.model.message.standard.LocationMessageBuilder;
import it.auties.whatsapp.model.message.standard.ReactionMessageBuilder;
import it.auties.whatsapp.model.message.standard.StickerMessageBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Cobalt's messages, built with its own model classes, as the Inbound messages Pincer stores and routes. */
class InboundMapperTest {

    private static Inbound map(ChatMessageInfo m) {
        return InboundMapper.map(m, ME, id -> false).orElseThrow(() -> new AssertionError("left out: " + m));
    }

    @Test
    void aDirectMessageIsTheChatOfThePersonByNumberWithTheirPushName() {
        Inbound in = map(message(ANN, ANN, "3EB0A1", text("hi, dinner at 8?")));

        assertThat(in.chat()).isEqualTo(new Inbound.Chat("wa:4915112345678@s.whatsapp.net", "Ann", false));
        assertThat(in.sender()).isEqualTo(new Inbound.Sender("4915112345678@s.whatsapp.net", "Ann", false));
        assertThat(in.id()).isEqualTo("3EB0A1");
        assertThat(in.text()).isEqualTo("hi, dinner at 8?");
        assertThat(in.context().mentionsBot()).isFalse();
        assertThat(in.context().time()).isEqualTo(Instant.ofEpochSecond(Wa.TIME));
        assertThat(in.attachments()).isEmpty();
    }

    @Test
    void aGroupMessageIsTheGroupsChatNamedByItsSubjectFromTheParticipant() {
        Inbound in = map(message(FAMILY, Jid.of("4915187654321:3@s.whatsapp.net"), "G1", text("who's cooking?")));

        assertThat(in.chat()).isEqualTo(new Inbound.Chat("wa:120363041234567890@g.us", "Family", true));
        assertThat(in.sender().id()).as("the device is dropped").isEqualTo("4915187654321@s.whatsapp.net");
        assertThat(in.sender().self()).isFalse();
    }

    @Test
    void mentioningTheLinkedNumberOrItsHiddenIdMentionsTheAssistantAndAQuoteIsTheReplyTo() {
        assertThat(map(message(FAMILY, BOB, "G2", text("@Olivia can you check?", List.of(Jid.of("491700000001@s.whatsapp.net")),
                null))).context().mentionsBot()).as("by number").isTrue();
        assertThat(map(message(FAMILY, BOB, "G3", text("@Olivia?", List.of(ME_LID), null))).context().mentionsBot())
                .as("by hidden number").isTrue();
        Inbound other = map(message(FAMILY, BOB, "G4", text("@Ann you?", List.of(ANN), "G1")));
        assertThat(other.context().mentionsBot()).as("someone else").isFalse();
        assertThat(other.context().replyToId()).isEqualTo("G1");
    }

    @Test
    void whatTheOwnerWritesFromThePhoneIsTheOwnersButWhatPincerSentIsItsOwn() {
        Jid phone = Jid.of("491700000001:0@s.whatsapp.net");
        Jid self = ME.selfChat();
        Inbound note = map(message(self, phone, "N1", true, MessageContainer.of("remind me to call mum")));
        assertThat(note.chat()).isEqualTo(new Inbound.Chat("wa:491700000001@s.whatsapp.net", "Olivia", false));
        assertThat(note.sender()).isEqualTo(new Inbound.Sender("491700000001@s.whatsapp.net", "Olivia", false));

        Inbound toFriend = map(message(ANN, phone, "N2", true, MessageContainer.of("see you")));
        assertThat(toFriend.chat().id()).isEqualTo("wa:4915112345678@s.whatsapp.net");
        assertThat(toFriend.sender().self()).as("the owner typed it").isFalse();

        Optional<Inbound> sentByPincer = InboundMapper.map(message(self, phone, "P1", true, MessageContainer.of("*Andy:* done")),
                ME, Set.of("P1")::contains);
        assertThat(sentByPincer).hasValueSatisfying(m -> assertThat(m.sender().self()).isTrue());
        Optional<Inbound> thisDevice = InboundMapper.map(message(FAMILY, ME_JID, "P2", true, MessageContainer.of("*Andy:* hi")),
                ME, id -> false);
        assertThat(thisDevice).hasValueSatisfying(m -> assertThat(m.sender().self()).isTrue());
    }

    @Test
    void mediaBecomeAttachmentsWithTheirCaptionAsTheText() {
        Inbound photo = map(message(ANN, ANN, "I1", new ImageMessageBuilder().mimetype("image/jpeg").caption("the view")
                .mediaSize(123_456L).build()));
        assertThat(photo.text()).isEqualTo("the view");
        assertThat(photo.attachments()).containsExactly(new Inbound.Attachment(Inbound.Attachment.Kind.IMAGE, null,
                "image/jpeg", 123_456, "4915112345678@s.whatsapp.net/I1"));

        Inbound voice = map(message(FAMILY, BOB, "V1", new AudioMessageBuilder().mimetype("audio/ogg; codecs=opus")
                .voiceMessage(true).mediaSize(9_000L).build()));
        assertThat(voice.text()).isEmpty();
        assertThat(voice.attachments()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Inbound.Attachment.Kind.VOICE);
            assertThat(a.mimeType()).isEqualTo("audio/ogg");
            assertThat(a.fileId()).isEqualTo("120363041234567890@g.us/V1");
        });
        assertThat(map(message(ANN, ANN, "A1", new AudioMessageBuilder().mimetype("audio/mpeg").build())).attachments())
                .extracting(Inbound.Attachment::kind).containsExactly(Inbound.Attachment.Kind.AUDIO);

        Inbound pdf = map(message(ANN, ANN, "D1", new DocumentMessageBuilder().fileName("lease.pdf").mimetype("application/pdf")
                .mediaSize(2_048L).build()));
        assertThat(pdf.attachments()).containsExactly(new Inbound.Attachment(Inbound.Attachment.Kind.DOCUMENT, "lease.pdf",
                "application/pdf", 2_048, "4915112345678@s.whatsapp.net/D1"));

        assertThat(map(message(ANN, ANN, "S1", new StickerMessageBuilder().mimetype("image/webp").build())).attachments())
                .extracting(Inbound.Attachment::kind, Inbound.Attachment::mimeType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Inbound.Attachment.Kind.STICKER, "image/webp"));
    }

    @Test
    void aLocationIsALineOfTextWithAMapLink() {
        Inbound in = map(message(ANN, ANN, "L1", new LocationMessageBuilder().latitude(52.52).longitude(13.405).name("Alex").build()));
        assertThat(in.text()).isEqualTo("[location: Alex (52.520000, 13.405000) https://maps.google.com/?q=52.520000,13.405000]");
    }

    @Test
    void statusUpdatesGroupNoticesReactionsAndEmptyMessagesAreLeftOut() {
        assertThat(InboundMapper.map(message(Jid.of("status@broadcast"), ANN, "ST1", text("my day")), ME, id -> false))
                .as("a status update").isEmpty();
        ChatMessageInfo notice = new ChatMessageInfoBuilder()
                .key(new ChatMessageKeyBuilder().id("N9").chatJid(FAMILY).senderJid(BOB).build())
                .senderJid(BOB).ignore(true).stubType(ChatMessageInfo.StubType.GROUP_PARTICIPANT_ADD).build();
        assertThat(InboundMapper.map(notice, ME, id -> false)).as("Bob added someone").isEmpty();
        var reaction = new ReactionMessageBuilder().key(new ChatMessageKeyBuilder().id("G1").chatJid(FAMILY).build())
                .content("👍").build();
        assertThat(InboundMapper.map(message(FAMILY, BOB, "R1", reaction), ME, id -> false)).as("a reaction").isEmpty();
        assertThat(InboundMapper.map(message(ANN, ANN, "E1", text("   ")), ME, id -> false)).as("blank").isEmpty();
        assertThat(InboundMapper.map(message(Jid.of("120363000000000000@newsletter"), ANN, "NL", text("news")), ME, id -> false))
                .as("a newsletter").isEmpty();
    }
}
