package dev.pincer.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static dev.pincer.host.channel.ChannelFixtures.random;

import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.OutgoingFile;
import dev.pincer.host.channel.Speaker;
import jakarta.activation.DataHandler;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Attachments read again from the real IMAP mailbox, and files sent attached to replies over real SMTP (GreenMail). */
class EmailFilesTest extends RunningChannel {

    /** Sends a mail from Ann with {@code bytes} attached as {@code name}; returns the attachment as the channel handed it in. */
    private Inbound.Attachment received(String name, String type, byte[] bytes) throws Exception {
        MimeMessage m = servers.mail("Ann <ann@example.org>", "A file", "-");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Here it is.", "UTF-8");
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, type)));
        file.setFileName(name);
        file.setDisposition(Part.ATTACHMENT);
        m.setContent(new MimeMultipart("mixed", text, file));
        int before = context.received.size();
        servers.send(m);
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).until(() -> context.received.size() > before);
        return context.received.getLast().attachments().getFirst();
    }

    @Test
    void anAttachmentIsReadAgainFromTheMailboxByItsUidAndPart() throws Exception {
        byte[] png = random(300_000);
        Inbound.Attachment a = received("photo.png", "image/png", png);
        assertThat(a.kind()).isEqualTo(Inbound.Attachment.Kind.IMAGE);
        assertThat(a.fileId()).matches("\\d+/\\d+/2");
        try (InputStream in = channel.fetch(a, 1_000_000)) {
            assertThat(in.readAllBytes()).isEqualTo(png);
        }
    }

    @Test
    void aLargerAttachmentIsReadOnlyOneByteBeyondTheCap() throws Exception {
        Inbound.Attachment a = received("big.bin", "application/octet-stream", random(2_000_000));
        try (InputStream in = channel.fetch(a, 100_000)) {
            assertThat(in.readAllBytes()).hasSize(100_001);
        }
    }

    @Test
    void aMailDeletedOrAMailboxRenumberedIsAClearErrorWithoutThePassword() throws Exception {
        Inbound.Attachment a = received("notes.pdf", "application/pdf", random(1000));
        servers.deleteAll();
        assertThatThrownBy(() -> channel.fetch(a, 10_000)).isInstanceOf(IOException.class)
                .hasMessageContaining("no longer in INBOX").hasMessageNotContaining(MailServers.PASSWORD)
                .hasMessageNotContaining("p%40ss");
        servers.stop();
        servers.restart();
        assertThatThrownBy(() -> channel.fetch(a, 10_000)).isInstanceOf(IOException.class).hasMessageContaining("renumbered");
        Inbound.Attachment bad = new Inbound.Attachment(Inbound.Attachment.Kind.OTHER, null, null, 0, "../../etc/passwd");
        assertThatThrownBy(() -> channel.fetch(bad, 10)).hasMessageContaining("does not name an attachment");
    }

    @Test
    void aFileGoesAttachedToAReplyInTheThread() throws Exception {
        assertThat(channel.capabilities().media()).isTrue();
        String asked = servers.send(servers.mail("Ann <ann@example.org>", "The report", "Can you send it?"));
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(20)).until(() -> context.received.size() == 1);
        byte[] pdf = random(120_000);
        Path p = Files.write(dir.resolve("report.pdf"), pdf);
        String id = channel.sendFile(new OutgoingFile("mail:ann@example.org", new OutgoingFile.FileRef(p, "Bericht März.pdf",
                "application/pdf", pdf.length), channel.format("Here is **the report**."), new Speaker("Andy", null),
                new Outgoing.ReplyTo(asked, asked, false)));

        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(() -> servers.receivedBy("ann@example.org").size() == 1);
        MimeMessage got = servers.receivedBy("ann@example.org").getFirst();
        assertThat(got.getMessageID()).isEqualTo(id);
        assertThat(got.getSubject()).isEqualTo("Re: The report");
        assertThat(got.getHeader("In-Reply-To", null)).isEqualTo(asked);
        assertThat(got.isMimeType("multipart/mixed")).isTrue();
        Multipart parts = (Multipart) got.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(((String) parts.getBodyPart(0).getContent()).strip()).isEqualTo("Here is the report.");
        Part file = parts.getBodyPart(1);
        assertThat(file.getFileName()).isEqualTo("Bericht März.pdf");
        assertThat(file.isMimeType("application/pdf")).isTrue();
        assertThat(file.getInputStream().readAllBytes()).isEqualTo(pdf);
    }
}
