package dev.pincer.channel.email;

import dev.pincer.host.channel.RecordingContext;
import java.nio.file.Path;

/** Email channels for the tests, pointed at {@link MailServers}. */
final class Channels {
    private Channels() {}

    static EmailSettings settings(MailServers servers, Path dir, EmailSettings.Timing timing) {
        return new EmailSettings(MailServer.imap("EMAIL_IMAP_URL", servers.imapUrl()),
                MailServer.smtp("EMAIL_SMTP_URL", servers.smtpUrl()), MailServers.ADDRESS, dir, timing);
    }

    static EmailChannel start(MailServers servers, Path dir, EmailSettings.Timing timing, RecordingContext context) {
        EmailChannel channel = new EmailChannel(settings(servers, dir, timing));
        channel.start(context);
        return channel;
    }
}
