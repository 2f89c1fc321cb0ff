package dev.pincer.channel.email;

import dev.pincer.host.channel.RecordingContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.Speaker;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replies as the far end gets them: over real SMTP into GreenMail, with the threading headers. */
class EmailOutboundTest extends RunningChannel {

    @Test
    void aReplyGoesIntoTheThreadUnderTheSpeakersNameAsPlainText() throws Exception {
        String root = servers.send(servers.mail("Ann <ann@example.org>", "Plans for Friday", "Which restaurant?"));
        MimeMessage followUp = servers.mail("ann@example.org", "Re: Plans for Friday", "And at what time?");
        followUp.setHeader("In-Reply-To", "<earlier@example.org>");
        followUp.setHeader("References", root + " <earlier@example.org>");
        String asked = servers.send(followUp);
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(20)).until(() -> context.received.size() == 2);

        String text = channel.format("**Luigi's** at _8 pm_ & bring <script>; see [the menu](https://luigi.example/menu).");
        String id = channel.send(new Outgoing("mail:ann@example.org", text, new Speaker("Andy", "researcher"),
                new Outgoing.ReplyTo(asked, root, true), Outgoing.Part.ONLY));

        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(() -> servers.receivedBy("ann@example.org").size() == 1);
        MimeMessage got = servers.receivedBy("ann@example.org").getFirst();
        assertThat(got.getMessageID()).isEqualTo(id).endsWith("@example.org>");
        assertThat(got.getSubject()).isEqualTo("Re: Plans for Friday");
        assertThat(got.getHeader("In-Reply-To", null)).isEqualTo(asked);
        assertThat(got.getHeader("References", null)).isEqualTo(root + " " + asked);
        assertThat(got.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        InternetAddress from = (InternetAddress) got.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo(MailServers.ADDRESS);
        assertThat(from.getPersonal()).isEqualTo("Andy · researcher");
        assertThat(got.isMimeType("text/plain")).isTrue();
        assertThat(((String) got.getContent()).strip())
                .isEqualTo("Luigi's at 8 pm & bring <script>; see the menu (https://luigi.example/menu).");
    }

    @Test
    void aMessageThatAnswersNothingGoesIntoTheThreadOfTheSendersLastMail() throws Exception {
        String root = servers.send(servers.mail("bob@example.org", "Hello there", "hi"));
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(20)).until(() -> context.received.size() == 1);

        channel.send(new Outgoing("mail:bob@example.org", "Your pairing code is ABC123.", new Speaker("Andy", null),
                null, Outgoing.Part.ONLY));
        channel.send(new Outgoing("mail:carol@example.org", "A note.", new Speaker("Andy", null), null, Outgoing.Part.ONLY));

        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(() -> servers.receivedBy("carol@example.org").size() == 1);
        MimeMessage toBob = servers.receivedBy("bob@example.org").getFirst();
        assertThat(toBob.getSubject()).isEqualTo("Re: Hello there");
        assertThat(toBob.getHeader("In-Reply-To", null)).isEqualTo(root);
        assertThat(((InternetAddress) toBob.getFrom()[0]).getPersonal()).isEqualTo("Andy");
        MimeMessage toCarol = servers.receivedBy("carol@example.org").getFirst();
        assertThat(toCarol.getSubject()).isEqualTo("Message from Andy");
        assertThat(toCarol.getHeader("In-Reply-To", null)).isNull();
    }

    @Test
    void theSubjectOfAnAnsweredMailIsKeptAcrossARestart() throws Exception {
        String asked = servers.send(servers.mail("dan@example.org", "Invoice 42", "is it paid?"));
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(20)).until(() -> context.received.size() == 1);
        channel.stop();

        EmailChannel again = Channels.start(servers, dir, EmailSettings.Timing.standard(), new RecordingContext());
        try {
            again.send(new Outgoing("mail:dan@example.org", "Yes.", new Speaker("Andy", null),
                    new Outgoing.ReplyTo(asked, asked, false), Outgoing.Part.ONLY));
        } finally {
            again.stop();
        }
        List<MimeMessage> got = servers.receivedBy("dan@example.org");
        assertThat(got).hasSize(1);
        assertThat(got.getFirst().getSubject()).isEqualTo("Re: Invoice 42");
    }

    @Test
    void aReplyThatCannotBeSentThrowsSoTheOutboxRetries() {
        servers.stop();
        assertThatThrownBy(() -> channel.send(new Outgoing("mail:ann@example.org", "hello", new Speaker("Andy", null), null,
                Outgoing.Part.ONLY))).isInstanceOf(Exception.class).hasMessageNotContaining(MailServers.PASSWORD);
    }

    @Test
    void aLongReplyIsOneMail() {
        assertThat(channel.capabilities().maxLength()).isGreaterThanOrEqualTo(100_000);
        assertThat(channel.capabilities().typing()).isFalse();
        assertThat(channel.capabilities().threads()).isTrue();
    }
}
