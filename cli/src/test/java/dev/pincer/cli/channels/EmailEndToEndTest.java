package dev.pincer.cli.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.channel.email.MailServers;
import dev.pincer.cli.Harness;
import dev.pincer.protocol.Json;
import dev.pincer.testkit.Reply;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The email channel end to end: a real Pincer (real sandbox, agent and fake model) with the real
 * email module, reading a real IMAP mailbox and sending over real SMTP (GreenMail on loopback).
 * Pairing by mail, answers in the mail's thread, the sender allowlist, the assistant's own mail,
 * and a mail server that goes away and comes back.
 */
class EmailEndToEndTest {

    private static final String ANDY = MailServers.ADDRESS;

    @TempDir Path home;
    private MailServers mail;

    @BeforeEach
    void servers() {
        mail = new MailServers();
    }

    @AfterEach
    void stopServers() {
        mail.stop();
    }

    private Harness start() throws Exception {
        Harness h = new Harness(home).set("PINCER_IDLE_TIMEOUT", "0").set("EMAIL_ADDRESS", ANDY)
                .set("EMAIL_IMAP_URL", mail.imapUrl()).set("EMAIL_SMTP_URL", mail.smtpUrl()).start();
        awaitState(h, "connected");
        return h;
    }

    private static void awaitState(Harness h, String state) {
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).until(() -> h.channelStatus("email").get("state").asText().equals(state));
    }

    @Test
    void anUnknownSenderIsPairedByMailAndThenAnsweredInTheThread() throws Exception {
        try (Harness h = start()) {
            h.model.respondWith(r -> Reply.text("**Sure** - the summary: it is _fine_."));
            String hello = mail.send(mail.mail("Ann Example <ann@example.org>", "Hello", "Hi, who are you?"));

            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).until(() -> !mail.receivedBy("ann@example.org").isEmpty());
            MimeMessage codeMail = mail.receivedBy("ann@example.org").getFirst();
            String codeText = (String) codeMail.getContent();
            assertThat(codeText).contains("./pincer pair ");
            assertThat(codeMail.getHeader("In-Reply-To", null)).as("the code answers her mail").isEqualTo(hello);
            assertThat(codeMail.getSubject()).isEqualTo("Re: Hello");
            String code = codeText.replaceAll("(?s).*pincer pair ([A-Z0-9]+).*", "$1");
            assertThat(h.model.requests()).as("nothing of hers reached the model").isEmpty();

            assertThat(h.pair(code)).contains("Approved").contains("mail:ann@example.org");

            MimeMessage next = mail.mail("Ann Example <ann@example.org>", "Re: Hello", "Can you summarize the plan?\n\n"
                    + "On Mon, 1 Jun 2026 at 10:00, Andy <andy@example.org> wrote:\n> I'm Andy.");
            next.setHeader("In-Reply-To", codeMail.getMessageID());
            next.setHeader("References", hello + " " + codeMail.getMessageID());
            String asked = mail.send(next);

            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(90)).until(() -> mail.receivedBy("ann@example.org").stream()
                    .anyMatch(m -> text(m).contains("the summary")));
            MimeMessage answer = mail.receivedBy("ann@example.org").stream().filter(m -> text(m).contains("the summary"))
                    .findFirst().orElseThrow();
            assertThat(text(answer).strip()).as("plain text").isEqualTo("Sure - the summary: it is fine.");
            assertThat(answer.getHeader("In-Reply-To", null)).isEqualTo(asked);
            assertThat(answer.getHeader("References", null)).isEqualTo(hello + " " + asked);
            assertThat(answer.getSubject()).isEqualTo("Re: Hello");
            assertThat(((InternetAddress) answer.getFrom()[0]).getAddress()).isEqualTo(ANDY);

            assertThat(h.model.requests()).hasSize(1);
            String prompt = h.model.requests().getFirst().lastUserText();
            assertThat(prompt).contains("sender=\"Ann Example\"").contains("Can you summarize the plan?")
                    .doesNotContain("I'm Andy").doesNotContain("who are you");
        }
    }

    @Test
    void onlyAllowedSendersTriggerTheAssistantsOwnMailIsIgnoredAndALongReplyIsOneMail() throws Exception {
        try (Harness h = start()) {
            h.registerChat("mail:bob@example.org", "bob", "{\"senders\":[\"carol@example.org\"]}");
            h.registerChat("mail:dave@example.org", "dave", "{\"senders\":[\"dave@example.org\"]}");
            String longReply = "A long paragraph about the plan, with details. ".repeat(20) + "\n\n";
            h.model.respondWith(r -> Reply.text("Reply for Dave.\n\n" + longReply.repeat(10) + "The end."));

            mail.send(mail.mail("bob@example.org", "Please", "Bob is not on this conversation's list."));
            MimeMessage own = mail.mail(ANDY, "Copy", "The assistant's own mail to Dave.");
            own.setRecipient(Message.RecipientType.TO, new InternetAddress("dave@example.org"));
            own.setRecipient(Message.RecipientType.CC, new InternetAddress(ANDY));
            mail.send(own);
            mail.send(mail.mail("eve@example.org", "Hi", "A stranger writes."));
            mail.send(mail.mail("Dave <dave@example.org>", "Question", "Dave asks for the plan."));

            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(90)).until(() -> mail.receivedBy("dave@example.org").stream()
                    .anyMatch(m -> text(m).contains("Reply for Dave")));
            List<MimeMessage> toDave = mail.receivedBy("dave@example.org").stream().filter(m -> text(m).contains("Reply for Dave"))
                    .toList();
            assertThat(toDave).as("one mail, not split").hasSize(1);
            assertThat(text(toDave.getFirst())).contains("The end.").hasSizeGreaterThan(9000);

            assertThat(h.model.requests()).as("only Dave's mail triggered").hasSize(1);
            assertThat(h.model.requests().getFirst().lastUserText()).contains("Dave asks for the plan")
                    .doesNotContain("The assistant's own mail");
            assertThat(mail.receivedBy("bob@example.org")).as("Bob gets nothing").isEmpty();
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).until(() -> mail.receivedBy("eve@example.org").size() == 1);
            assertThat(text(mail.receivedBy("eve@example.org").getFirst())).as("a stranger gets a pairing code")
                    .contains("./pincer pair");

            JsonNode chats = Json.MAPPER.readTree(h.call("GET", "/api/chats", null).body()).get("chats");
            assertThat(chats).anySatisfy(c -> {
                assertThat(c.get("chat").asText()).isEqualTo("mail:eve@example.org");
                assertThat(c.get("folder").isNull()).isTrue();
            });
            assertThat(chats).anySatisfy(c -> assertThat(c.get("chat").asText()).isEqualTo("mail:bob@example.org"));
            assertThat(h.pincer.messages().after("mail:bob@example.org", 0, 10)).as("Bob's mail is recorded")
                    .anySatisfy(m -> assertThat(m.text()).contains("Bob is not on"));
            assertThat(h.pincer.messages().after("mail:dave@example.org", 0, 10))
                    .noneMatch(m -> m.text().contains("The assistant's own mail"));
        }
    }

    @Test
    void whileTheMailServerIsDownTheWebChatGoesOnAndTheChannelComesBack() throws Exception {
        try (Harness h = start()) {
            h.registerChat("mail:ann@example.org", "ann", "{}");
            mail.stop();
            awaitState(h, "retrying");
            assertThat(h.channelStatus("email").get("lastError").asText()).contains("IMAP andy@127.0.0.1:" + mail.imapPort())
                    .doesNotContain(MailServers.PASSWORD).doesNotContain("p%40ss");

            h.model.respondWith(r -> Reply.text("web still works"));
            assertThat(h.awaitReply("main", h.post("main", "hello"), Duration.ofSeconds(60)).get("text").asText())
                    .isEqualTo("web still works");

            mail.restart();
            awaitState(h, "connected");
            h.model.respondWith(r -> Reply.text("Mail works again."));
            mail.send(mail.mail("ann@example.org", "Back?", "@Andy are you back?"));
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(90)).until(() -> mail.receivedBy("ann@example.org").stream()
                    .anyMatch(m -> text(m).contains("Mail works again.")));
        }
    }

    @Test
    void anAttachedImageIsKeptInTheGroupsInboxAndShownToTheModelAndAFileTheAgentWroteIsMailedBack() throws Exception {
        try (Harness h = start()) {
            h.registerChat("mail:ann@example.org", "ann", "{}");
            byte[] png = MediaFiles.image(3000, 2000, "png");
            h.model.respondWith(MediaFiles::writeAndSend);
            MimeMessage m = mail.mail("Ann <ann@example.org>", "Chart", "-");
            MimeBodyPart text = new MimeBodyPart();
            text.setText("What is on this chart?", "UTF-8");
            MimeBodyPart image = new MimeBodyPart();
            image.setDataHandler(new DataHandler(new ByteArrayDataSource(png, "image/png")));
            image.setFileName("chart.png");
            image.setDisposition(Part.ATTACHMENT);
            m.setContent(new MimeMultipart("mixed", text, image));
            String asked = mail.send(m);

            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(90)).until(() -> mail.receivedBy("ann@example.org")
                    .stream().anyMatch(r -> !withFile(r) && MediaFiles.answered(text(r).strip())));
            assertThat(mail.receivedBy("ann@example.org")).filteredOn(r -> !withFile(r))
                    .extracting(r -> text(r).strip()).contains(MediaFiles.DONE);
            MediaFiles.assertKept(home, "ann", png);
            assertThat(h.model.requests().getFirst().lastUserText()).contains("What is on this chart?")
                    .containsPattern(MediaFiles.IMAGE_ELEMENT).contains("name=\"chart.png\"");
            MediaFiles.assertImageBlock(h.model.requests().getFirst());
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).until(() -> mail.receivedBy("ann@example.org")
                    .stream().anyMatch(EmailEndToEndTest::withFile));
            MimeMessage withFile = mail.receivedBy("ann@example.org").stream().filter(EmailEndToEndTest::withFile)
                    .findFirst().orElseThrow();
            assertThat(withFile.getHeader("In-Reply-To", null)).as("in the thread").isEqualTo(asked);
            Part file = ((Multipart) withFile.getContent()).getBodyPart(1);
            assertThat(file.getFileName()).isEqualTo("out.txt");
            assertThat(new String(file.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("report");
        }
    }

    private static boolean withFile(MimeMessage m) {
        try {
            return m.isMimeType("multipart/mixed");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(MimeMessage m) {
        try {
            return (String) m.getContent();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
