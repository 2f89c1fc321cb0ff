package dev.pincer.channel.whatsappweb.mapping;

import static dev.pincer.channel.whatsappweb.mapping.Wa.ANN;
import static dev.pincer.channel.whatsappweb.mapping.Wa.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.OutgoingFile;
import dev.pincer.host.channel.Speaker;
import dev.pincer.host.channel.Undeliverable;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.standard.DocumentMessage;
import it.auties.whatsapp.model.message.standard.ImageMessage;
import it.auties.whatsapp.model.message.standard.TextMessage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Pincer's replies and files as the Cobalt messages the channel hands to the library to send. */
class OutboundMessagesTest {

    static final Speaker ANDY = new Speaker("Andy", null);
    static final String CHAT = "wa:4915112345678@s.whatsapp.net";

    private static Outgoing part(String text, Speaker speaker, Outgoing.ReplyTo replyTo, int index, int count) {
        return new Outgoing(CHAT, text, speaker, replyTo, new Outgoing.Part(index, count));
    }

    @Test
    void everyPartStartsWithTheSpeakersNameSoNobodyTakesItForTheOwner() {
        MessageContainer c = OutboundMessages.text(part("Dinner is at *8*.", ANDY, null, 1, 1), Optional.empty());
        assertThat(c.content()).isInstanceOfSatisfying(TextMessage.class, t -> {
            assertThat(t.text()).isEqualTo("*Andy:* Dinner is at *8*.");
            assertThat(t.contextInfo()).isEmpty();
        });
        MessageContainer sub = OutboundMessages.text(part("```\ncode\n```", new Speaker("Andy", "re*search*er"), null, 2, 2),
                Optional.empty());
        assertThat(((TextMessage) sub.content()).text()).as("markup in a name is dropped; a code block starts its own line")
                .isEqualTo("*Andy · researcher:*\n```\ncode\n```");
    }

    @Test
    void theFirstPartOfAReplyToAReplyQuotesTheMessageItAnswers() {
        ChatMessageInfo asked = message(ANN, ANN, "Q1", Wa.text("and the second point?"));
        Outgoing.ReplyTo replyTo = new Outgoing.ReplyTo("Q1", null, true);
        assertThat(OutboundMessages.quotes(replyTo, 1)).isTrue();
        assertThat(OutboundMessages.quotes(replyTo, 2)).as("later parts do not quote again").isFalse();
        assertThat(OutboundMessages.quotes(new Outgoing.ReplyTo("Q1", null, false), 1)).as("a plain message is not quoted").isFalse();

        TextMessage t = (TextMessage) OutboundMessages.text(part("It is due Friday.", ANDY, replyTo, 1, 2), Optional.of(asked)).content();
        assertThat(t.contextInfo()).hasValueSatisfying(ctx -> {
            assertThat(ctx.quotedMessageId()).contains("Q1");
            assertThat(ctx.quotedMessageSenderJid()).contains(ANN);
            assertThat(ctx.quotedMessage()).hasValueSatisfying(q -> assertThat(((TextMessage) q.content()).text())
                    .isEqualTo("and the second point?"));
        });
    }

    @Test
    void aJpegGoesAsAPhotoWithItsCaptionAndTheBytesCobaltUploads() throws Exception {
        byte[] jpeg = jpeg();
        OutgoingFile f = new OutgoingFile(CHAT, new OutgoingFile.FileRef(Path.of("/x/plan.jpg"), "plan.jpg", "image/jpeg", jpeg.length),
                "the floor plan", ANDY, null);
        MessageContainer c = OutboundMessages.file(f, jpeg, Optional.empty());
        assertThat(c.content()).isInstanceOfSatisfying(ImageMessage.class, i -> {
            assertThat(i.caption()).contains("*Andy:* the floor plan");
            assertThat(i.mimetype()).contains("image/jpeg");
            assertThat(i.decodedMedia()).hasValueSatisfying(b -> assertThat(b).isEqualTo(jpeg));
            assertThat(i.width()).hasValue(40);
        });
    }

    @Test
    void anythingElseGoesAsADocumentWithItsName() throws Exception {
        byte[] pdf = "%PDF-1.4 not really".getBytes();
        OutgoingFile f = new OutgoingFile(CHAT, new OutgoingFile.FileRef(Path.of("/x/r.pdf"), "report.pdf", "application/pdf", pdf.length),
                null, ANDY, null);
        assertThat(OutboundMessages.file(f, pdf, Optional.empty()).content()).isInstanceOfSatisfying(DocumentMessage.class, d -> {
            assertThat(d.fileName()).contains("report.pdf");
            assertThat(d.mimetype()).contains("application/pdf");
            assertThat(d.caption()).contains("*Andy:*");
            assertThat(d.mediaSize()).hasValue(pdf.length);
            assertThat(d.decodedMedia()).hasValueSatisfying(b -> assertThat(b).isEqualTo(pdf));
        });
        OutgoingFile webp = new OutgoingFile(CHAT, new OutgoingFile.FileRef(Path.of("/x/a.webp"), "a.webp", "image/webp", 10), null, ANDY, null);
        assertThat(OutboundMessages.asPhoto(webp.file())).as("WhatsApp shows JPEG and PNG as photos only").isFalse();
    }

    @Test
    void aFileLargerThanWhatsAppTakesIsUndeliverable() {
        var huge = new OutgoingFile.FileRef(Path.of("/x/big.zip"), "big.zip", "application/zip", OutboundMessages.MAX_DOCUMENT + 1);
        assertThatThrownBy(() -> OutboundMessages.asPhoto(huge)).isInstanceOf(Undeliverable.class).hasMessageContaining("100 MB");
        var bigPhoto = new OutgoingFile.FileRef(Path.of("/x/p.png"), "p.png", "image/png", OutboundMessages.MAX_PHOTO + 1);
        assertThat(catchAsPhoto(bigPhoto)).as("a photo too large for one goes as a document").isFalse();
    }

    private static boolean catchAsPhoto(OutgoingFile.FileRef f) {
        try {
            return OutboundMessages.asPhoto(f);
        } catch (Undeliverable e) {
            throw new AssertionError(e);
        }
    }

    static byte[] jpeg() throws Exception {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        img.setRGB(5, 5, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }
}
