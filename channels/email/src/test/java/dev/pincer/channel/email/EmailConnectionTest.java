package dev.pincer.channel.email;

import dev.pincer.host.channel.RecordingContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pincer.host.channel.ChannelState;
import dev.pincer.host.channel.Inbound;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection to the mailbox: the saved place survives a restart, a lost server is retried until
 * it is back, polling works without IDLE, and {@code check()} logs in to both servers.
 */
class EmailConnectionTest {

    @TempDir Path dir;
    private MailServers servers;
    private EmailChannel channel;

    @BeforeEach
    void servers() {
        servers = new MailServers();
    }

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.stop();
        }
        servers.close();
    }

    /** Starts the channel with this timing on a fresh context, which it returns; {@link #stop} stops it. */
    private RecordingContext start(EmailSettings.Timing timing) {
        RecordingContext context = new RecordingContext();
        channel = Channels.start(servers, dir, timing, context);
        return context;
    }

    /** Waits up to {@code seconds} for {@code condition}, whatever the channel's own threads throw meanwhile. */
    private static void within(int seconds, Callable<Boolean> condition) {
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(seconds)).until(condition);
    }

    @Test
    void aRestartNeitherReadsAMailAgainNorMissesOneThatCameMeanwhile() throws Exception {
        servers.send(servers.mail("old@example.org", "Before", "was here before the channel"));
        Thread.sleep(1100); // the arrival time of a mail is known to the second
        RecordingContext first = start(EmailSettings.Timing.standard());
        servers.send(servers.mail("ann@example.org", "A", "mail A"));
        within(20, () -> first.received.size() == 1);
        assertThat(first.received.getFirst().text()).contains("mail A");
        channel.stop();

        servers.send(servers.mail("ann@example.org", "B", "mail B"));
        servers.send(servers.mail("bob@example.org", "C", "mail C"));
        assertThat(Files.readString(dir.resolve(Cursor.FILE))).contains("lastuid=2");

        RecordingContext second = start(EmailSettings.Timing.standard());
        within(20, () -> second.received.size() == 2);
        Thread.sleep(500);
        assertThat(second.received).extracting(Inbound::text).containsExactly("Subject: B\n\nmail B", "Subject: C\n\nmail C");
        assertThat(Files.readString(dir.resolve(Cursor.FILE))).contains("lastuid=4");
    }

    @Test
    void aLostServerIsRetriedAndTheChannelComesBackWithoutARestart() throws Exception {
        RecordingContext context = start(EmailSettings.Timing.standard());
        servers.send(servers.mail("ann@example.org", "One", "before the outage"));
        within(20, () -> context.received.size() == 1);

        servers.stop();
        within(20, () -> context.last() instanceof ChannelState.Retrying);
        ChannelState.Retrying retrying = (ChannelState.Retrying) context.last();
        assertThat(retrying.error()).isNotBlank().doesNotContain(MailServers.PASSWORD);

        servers.restart(); // same ports, an empty mailbox with new UIDs
        within(30, () -> context.last() instanceof ChannelState.Connected);
        servers.send(servers.mail("ann@example.org", "Two", "after the outage"));
        within(20, () -> context.received.size() == 2);
        assertThat(context.received.get(1).text()).contains("after the outage");
    }

    @Test
    void withoutIdleTheFolderIsPolled() throws Exception {
        RecordingContext context = start(new EmailSettings.Timing(false, Duration.ofMillis(300), Duration.ofMinutes(5)));
        within(20, () -> context.last() instanceof ChannelState.Connected);
        servers.send(servers.mail("ann@example.org", "Polled", "found by polling"));
        within(10, () -> context.received.size() == 1);
        assertThat(context.received.getFirst().text()).contains("found by polling");
    }

    @Test
    void idleIsRenewedWithoutLosingTheConnection() throws Exception {
        RecordingContext context = start(new EmailSettings.Timing(true, Duration.ofMinutes(1), Duration.ofMillis(200)));
        within(20, () -> context.last() instanceof ChannelState.Connected);
        Thread.sleep(1500); // several renewals
        servers.send(servers.mail("ann@example.org", "Still there", "after renewals"));
        within(10, () -> context.received.size() == 1);
        assertThat(context.states).noneMatch(s -> s instanceof ChannelState.Retrying);
    }

    @Test
    void theCheckLogsInToBothServers() throws Exception {
        channel = new EmailChannel(Channels.settings(servers, dir, EmailSettings.Timing.standard()));
        assertThat(channel.check()).contains("mailbox andy@127.0.0.1 and SMTP 127.0.0.1 accepted");
        assertThat(dir).as("doctor's check leaves nothing behind").isEmptyDirectory();
    }

    @Test
    void theCheckSaysWhichLoginFailedWithoutThePassword() {
        String wrong = servers.imapUrl().replace("p%40ss", "wrong");
        channel = new EmailChannel(new EmailSettings(MailServer.imap("EMAIL_IMAP_URL", wrong),
                MailServer.smtp("EMAIL_SMTP_URL", servers.smtpUrl()), MailServers.ADDRESS, dir, EmailSettings.Timing.standard()));
        assertThatThrownBy(channel::check).hasMessageContaining("IMAP login to andy@127.0.0.1:" + servers.imapPort())
                .hasMessageNotContaining("wrong").hasMessageNotContaining(MailServers.PASSWORD);
    }
}
