package dev.pincer.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pincer.host.channel.ChannelState;
import dev.pincer.host.channel.Inbound;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Received mail as the core gets it, through a real IMAP server (GreenMail) and the real channel. */
class EmailInboundTest extends RunningChannel {

    @Test
    void aMailIsADirectMessageOfItsSenderWithTheThreadsRootAndTheSubjectOnTop() throws Exception {
        MimeMessage first = servers.mail("Ann Example <Ann@Example.ORG>", "Plans for Friday",
                "Hello Andy,\n\nCan you book a table?\n\n-- \nAnn Example\n+49 123 456");
        String rootId = servers.send(first);
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(20)).until(() -> context.received.size() == 1);

        Inbound in = context.received.getFirst();
        assertThat(in.chat()).isEqualTo(new Inbound.Chat("mail:ann@example.org", "Ann Example", false));
        assertThat(in.sender()).isEqualTo(new Inbound.Sender("ann@example.org", "Ann Example", false));
        assertThat(in.id()).isEqualTo(rootId);
        assertThat(in.text()).as("subject on top, signature dropped")
                .isEqualTo("Subject: Plans for Friday\n\nHello Andy,\n\nCan you book a table?");
        assertThat(in.context().replyToId()).isNull();
        assertThat(in.context().threadId()).as("a new thread's root is the mail itself").isEqualTo(rootId);
        assertThat(in.context().mentionsBot()).isTrue();
        assertThat(in.attachments()).isEmpty();

        MimeMessage reply = servers.mail("ann@example.org", "Re: Plans for Friday", """
                Yes, at 8 please.

                On Fri, 5 Jun 2026 at 10:00, Andy <andy@example.org>
                wrote:
                > Which time?
                >
                > Andy
                """);
        reply.setHeader("In-Reply-To", "<answer-1@example.org>");
        reply.setHeader("References", rootId + " <answer-1@example.org>");
        String replyId = servers.send(reply);
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(20)).until(() -> context.received.size() == 2);

        Inbound second = context.received.get(1);
        assertThat(second.text()).as("quoted history dropped, no subject inside a thread").isEqualTo("Yes, at 8 please.");
        assertThat(second.id()).isEqualTo(replyId);
        assertThat(second.context().replyToId()).isEqualTo("<answer-1@example.org>");
        assertThat(second.context().threadId()).isEqualTo(rootId);
        assertThat(second.chat().id()).isEqualTo("mail:ann@example.org");
    }

    @Test
    void anHtmlMailIsReadAsTextAndItsAttachmentsAreListed() throws Exception {
        MimeMessage m = servers.mail("bob@example.org", "Report", "-");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<html><head><style>p{}</style></head><body><p>Here is the <b>report</b> &amp; a photo.</p>"
                + "<ul><li>one</li><li>two</li></ul></body></html>", "text/html; charset=UTF-8");
        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(new byte[2048], "application/pdf")));
        pdf.setFileName("report.pdf");
        pdf.setDisposition(MimeBodyPart.ATTACHMENT);
        MimeBodyPart png = new MimeBodyPart();
        png.setDataHandler(new DataHandler(new ByteArrayDataSource(new byte[512], "image/png")));
        png.setFileName("photo.png");
        m.setContent(new MimeMultipart("mixed", html, pdf, png));
        servers.send(m);
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(20)).until(() -> context.received.size() == 1);

        Inbound in = context.received.getFirst();
        assertThat(in.text()).isEqualTo("Subject: Report\n\nHere is the report & a photo.\n\n- one\n- two");
        assertThat(in.attachments()).hasSize(2);
        Inbound.Attachment a = in.attachments().get(0);
        assertThat(a.kind()).isEqualTo(Inbound.Attachment.Kind.DOCUMENT);
        assertThat(a.name()).isEqualTo("report.pdf");
        assertThat(a.mimeType()).isEqualTo("application/pdf");
        assertThat(a.size()).as("decoded, not the base64 size").isCloseTo(2048L, org.assertj.core.data.Offset.offset(40L));
        assertThat(a.fileId()).as("<UIDVALIDITY>/<UID>/<part>").matches("\\d+/\\d+/2");
        Inbound.Attachment b = in.attachments().get(1);
        assertThat(b.kind()).isEqualTo(Inbound.Attachment.Kind.IMAGE);
        assertThat(b.name()).isEqualTo("photo.png");
        assertThat(b.mimeType()).isEqualTo("image/png");
        assertThat(b.fileId()).matches("\\d+/\\d+/3");
    }

    @Test
    void theAssistantsOwnMailIsHandedInAsItsOwnAndAutomaticMailNotAtAll() throws Exception {
        MimeMessage own = servers.mail(MailServers.ADDRESS, "Note", "a copy of what I sent");
        own.setRecipient(Message.RecipientType.TO, new InternetAddress("ann@example.org"));
        own.setRecipient(Message.RecipientType.CC, new InternetAddress(MailServers.ADDRESS));
        servers.send(own);
        MimeMessage vacation = servers.mail("carol@example.org", "Out of office", "I am away until Monday.");
        vacation.setHeader("Auto-Submitted", "auto-replied");
        servers.send(vacation);
        MimeMessage bulk = servers.mail("news@example.org", "Newsletter", "Big news.");
        bulk.setHeader("Precedence", "bulk");
        servers.send(bulk);
        servers.send(servers.mail("carol@example.org", "Back", "a person again"));

        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(20)).until(() -> context.received.size() == 2);
        Inbound self = context.withText("a copy of what I sent");
        assertThat(self.sender().self()).isTrue();
        assertThat(self.sender().id()).isEqualTo(MailServers.ADDRESS);
        assertThat(self.chat().id()).as("the conversation it belongs to").isEqualTo("mail:ann@example.org");
        assertThat(context.withText("a person again").sender().self()).isFalse();
        Thread.sleep(500);
        assertThat(context.received).hasSize(2).noneMatch(m -> m.text().contains("away") || m.text().contains("Big news"));
    }

    @Test
    void newMailArrivesThroughIdleWithinSeconds() throws Exception {
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(20)).until(() -> context.last() instanceof ChannelState.Connected);
        Thread.sleep(300); // in IDLE by now; polling would take 60 s
        long sent = System.nanoTime();
        servers.send(servers.mail("dan@example.org", "Quick", "are you there?"));
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(20)).until(() -> !context.received.isEmpty());
        Duration latency = Duration.ofNanos(System.nanoTime() - sent);
        assertThat(latency).as("IDLE delivery latency").isLessThan(Duration.ofSeconds(5));
    }
}
