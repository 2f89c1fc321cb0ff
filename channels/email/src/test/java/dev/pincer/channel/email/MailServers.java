package dev.pincer.channel.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Real IMAP and SMTP servers on loopback (GreenMail), with the assistant's mailbox
 * {@code andy@example.org} (login {@code andy}); people send to it over real SMTP. Can be stopped
 * and started again on the same ports (its mailboxes then start empty, with a new UIDVALIDITY).
 * GreenMail's connection threads end with an uncaught exception whenever a connection is cut, so
 * the tests wait with {@code dontCatchUncaughtExceptions()}. The end-to-end test in cli uses them too
 * (this module's test-jar).
 */
public final class MailServers implements AutoCloseable {

    public static final String ADDRESS = "andy@example.org";
    public static final String LOGIN = "andy";
    public static final String PASSWORD = "p@ss:w/rd+1";

    private GreenMail mail;
    private int imapPort;
    private int smtpPort;

    public MailServers() {
        start(0, 0);
    }

    private void start(int imap, int smtp) {
        mail = new GreenMail(new ServerSetup[]{new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        mail.setUser(ADDRESS, LOGIN, PASSWORD);
        imapPort = mail.getImap().getPort();
        smtpPort = mail.getSmtp().getPort();
    }

    /** {@code EMAIL_IMAP_URL} for the assistant's mailbox (the password URL-encoded). */
    public String imapUrl() {
        return "imap://" + LOGIN + ":p%40ss%3Aw%2Frd+1@127.0.0.1:" + imapPort + "/INBOX";
    }

    /** {@code EMAIL_SMTP_URL}. */
    public String smtpUrl() {
        return "smtp://" + LOGIN + ":p%40ss%3Aw%2Frd+1@127.0.0.1:" + smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    /** Stops both servers (connections are cut). */
    public void stop() {
        mail.stop();
    }

    /** Starts them again on the same ports, with empty mailboxes. */
    public void restart() {
        start(imapPort, smtpPort);
    }

    /** A new mail from {@code from} to the assistant, to fill in and {@link #send}. */
    public MimeMessage mail(String from, String subject, String text) throws MessagingException {
        MimeMessage m = new MimeMessage(session());
        m.setFrom(new InternetAddress(from));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(ADDRESS));
        m.setSubject(subject, "UTF-8");
        m.setText(text, "UTF-8");
        return m;
    }

    /** Sends over the real SMTP server; returns the Message-ID it got. */
    public String send(MimeMessage m) throws MessagingException {
        m.saveChanges();
        Transport.send(m);
        return m.getMessageID();
    }

    /** Every mail the servers hold for {@code address} (what the assistant sent to them). */
    public List<MimeMessage> receivedBy(String address) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients() != null && Arrays.stream(m.getAllRecipients())
                        .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Deletes every mail in the assistant's mailbox (flagged and expunged over IMAP, as a mail program would). */
    public void deleteAll() throws MessagingException {
        try (jakarta.mail.Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", imapPort, LOGIN, PASSWORD);
            jakarta.mail.Folder inbox = store.getFolder("INBOX");
            inbox.open(jakarta.mail.Folder.READ_WRITE);
            for (Message m : inbox.getMessages()) {
                m.setFlag(jakarta.mail.Flags.Flag.DELETED, true);
            }
            inbox.close(true);
        }
    }

    private Session session() {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", String.valueOf(smtpPort));
        p.setProperty("mail.from", "tests@example.org");
        return Session.getInstance(p);
    }

    @Override
    public void close() {
        mail.stop();
    }
}
