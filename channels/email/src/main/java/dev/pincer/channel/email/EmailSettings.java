package dev.pincer.channel.email;

import jakarta.mail.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The email channel's configuration.
 *
 * @param address the assistant's own address, lower-case: the From of its replies, and how its own mails are recognised
 * @param dataDir where the channel keeps its place in the mailbox and the recent mails
 */
record EmailSettings(MailServer imap, MailServer smtp, String address, Path dataDir, Timing timing) {

    /**
     * How the inbox is watched.
     *
     * @param useIdle   use IMAP IDLE when the server offers it (else poll)
     * @param pollEvery how often to look for new mail without IDLE
     * @param keepAlive how often an IDLE is renewed (servers end one after about 30 minutes; a dead connection shows then)
     */
    record Timing(boolean useIdle, Duration pollEvery, Duration keepAlive) {
        static Timing standard() {
            return new Timing(true, Duration.ofSeconds(60), Duration.ofMinutes(5));
        }
    }

    /** A Jakarta Mail session for both servers. */
    Session session() {
        Properties p = new Properties();
        imap.configure(p);
        smtp.configure(p);
        p.setProperty("mail.from", address); // also keeps Jakarta Mail from looking up this machine's name
        return Session.getInstance(p);
    }

    /** {@code user@host:port/folder}: the mailbox a saved {@link Cursor} belongs to. */
    String mailbox() {
        return imap.shown() + "/" + imap.folder();
    }

    /** The domain of {@link #address}, for the Message-IDs of replies. */
    String domain() {
        return address.substring(address.indexOf('@') + 1);
    }
}
