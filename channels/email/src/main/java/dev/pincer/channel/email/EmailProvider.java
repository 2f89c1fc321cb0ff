package dev.pincer.channel.email;

import dev.pincer.host.channel.Channel;
import dev.pincer.host.channel.ChannelModule;
import dev.pincer.host.channel.ChannelSettings;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The email channel module: enabled by {@code EMAIL_IMAP_URL}, {@code EMAIL_SMTP_URL} and {@code EMAIL_ADDRESS}. */
public final class EmailProvider extends ChannelModule {

    static final String IMAP_URL = "EMAIL_IMAP_URL";
    static final String SMTP_URL = "EMAIL_SMTP_URL";
    static final String ADDRESS = "EMAIL_ADDRESS";

    public EmailProvider() {
        super("email", List.of(
                new Setting(IMAP_URL, true, true, "the mailbox to read: imaps://user:password@host:993/INBOX "
                        + "(user and password URL-encoded; imap:// uses STARTTLS)"),
                new Setting(SMTP_URL, true, true, "the server to send with: smtps://user:password@host:465, "
                        + "or smtp://user:password@host:587 with STARTTLS"),
                new Setting(ADDRESS, true, false, "the assistant's own address: the From of its replies")));
    }

    @Override
    public Optional<Channel> create(ChannelSettings settings) {
        List<String> missing = settings().stream().map(Setting::name).filter(n -> !settings.has(n)).toList();
        if (missing.size() == settings().size()) {
            return Optional.empty();
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the email channel needs " + IMAP_URL + ", " + SMTP_URL + " and " + ADDRESS
                    + "; missing: " + String.join(", ", missing));
        }
        MailServer imap = MailServer.imap(IMAP_URL, settings.get(IMAP_URL).orElseThrow());
        MailServer smtp = MailServer.smtp(SMTP_URL, settings.get(SMTP_URL).orElseThrow());
        return Optional.of(new EmailChannel(new EmailSettings(imap, smtp, address(settings.get(ADDRESS).orElseThrow()),
                settings.dataDir(), EmailSettings.Timing.standard())));
    }

    /** The bare address, lower-case ({@code Andy <andy@example.org>} gives {@code andy@example.org}). */
    static String address(String value) {
        try {
            InternetAddress a = new InternetAddress(value, true);
            if (a.getAddress() == null || !a.getAddress().contains("@")) {
                throw new AddressException("no @");
            }
            return a.getAddress().toLowerCase(Locale.ROOT);
        } catch (AddressException e) {
            throw new IllegalArgumentException(ADDRESS + " '" + value + "' is not an email address; use e.g. andy@example.org");
        }
    }
}
