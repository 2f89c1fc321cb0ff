package dev.pincer.channel.email;

import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.OutgoingFile;
import dev.pincer.host.channel.Speaker;
import dev.pincer.host.channel.Undeliverable;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Sends replies over SMTP, one connection per mail: plain text (a file as its attachment), From the
 * assistant's address under the speaker's name ({@code "Andy · researcher" <andy@example.org>}), Subject {@code Re: } the
 * mail answered, In-Reply-To that mail and References the thread's root and that mail, so mail
 * programs keep the conversation in its thread. Marked {@code Auto-Submitted: auto-replied}
 * (RFC 3834), so other robots do not answer it. A refusal by the server is thrown: the outbox retries.
 *
 * @param recent the mails received lately, to thread replies in; null when only {@link #check()} is called
 */
record SmtpSender(Session session, EmailSettings settings, Correspondence recent) {

    /** Sends one reply; returns its Message-ID. */
    String send(Outgoing out) throws Exception {
        return deliver(compose(out), out.chatId(), 0);
    }

    /**
     * Sends a file as the attachment of a reply in the thread ({@code multipart/mixed}: the caption, or
     * a line naming the file, then the file). A mail larger than the server takes (its SMTP
     * {@code SIZE}) is {@link Undeliverable} before it is sent, as is one the server refuses for its
     * size (552).
     */
    String sendFile(OutgoingFile file) throws Exception {
        MimeMessage m = headers(file.chatId(), file.speaker(), file.replyTo(), Outgoing.Part.ONLY);
        MimeBodyPart text = new MimeBodyPart();
        text.setText(file.caption() == null || file.caption().isBlank() ? "Attached: " + file.file().name() : file.caption(),
                "UTF-8");
        MimeBodyPart attached = new MimeBodyPart();
        attached.attachFile(file.file().path().toFile(), file.file().mimeType(), "base64");
        attached.setFileName(file.file().name()); // a name beyond ASCII is written as RFC 2231 says
        m.setContent(new MimeMultipart("mixed", text, attached));
        m.saveChanges();
        return deliver(m, file.chatId(), file.file().size() * 4 / 3 * 78 / 76);
    }

    /** Sends {@code m} over one SMTP connection; {@code size} is about how large it is (0: small). */
    private String deliver(MimeMessage m, String chatId, long size) throws Exception {
        MailServer smtp = settings.smtp();
        try (Transport t = session.getTransport(smtp.protocol().scheme())) {
            t.connect(smtp.host(), smtp.port(), smtp.user(), smtp.password());
            long max = t instanceof SMTPTransport s ? number(s.getExtensionParameter("SIZE")) : 0;
            if (max > 0 && size > max) {
                throw new Undeliverable(String.format(Locale.ROOT, "the mail server %s takes mails of up to %.1f MB; with the"
                        + " file attached this one would be %.1f MB", smtp.host(), max / 1_048_576.0, size / 1_048_576.0));
            }
            t.sendMessage(m, m.getAllRecipients());
        } catch (MessagingException e) {
            String why = "SMTP " + smtp.shown() + " did not take the mail to " + chatId + ": " + MailErrors.describe(e);
            if (size > 0 && e instanceof SMTPSendFailedException f && f.getReturnCode() == 552) {
                throw new Undeliverable(why, e);
            }
            throw new MessagingException(why, e);
        }
        return m.getMessageID();
    }

    private static long number(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Connects and logs in, then leaves (for {@code doctor}). */
    void check() throws MessagingException {
        MailServer smtp = settings.smtp();
        try (Transport t = session.getTransport(smtp.protocol().scheme())) {
            t.connect(smtp.host(), smtp.port(), smtp.user(), smtp.password());
        }
    }

    MimeMessage compose(Outgoing out) throws MessagingException, UnsupportedEncodingException {
        MimeMessage m = headers(out.chatId(), out.speaker(), out.replyTo(), out.part());
        m.setText(out.text(), "UTF-8");
        m.saveChanges();
        return m;
    }

    /** A mail to the chat's address, in the thread of what it answers, without content yet. */
    private MimeMessage headers(String chat, Speaker speaker, Outgoing.ReplyTo replyTo, Outgoing.Part part)
            throws MessagingException, UnsupportedEncodingException {
        if (!chat.startsWith(EmailChannel.PREFIX + ":")) {
            throw new IllegalArgumentException("not an email chat: " + chat);
        }
        Optional<Correspondence.Mail> answered = replyTo == null ? recent.latestIn(chat) : recent.byId(replyTo.messageId());
        String inReplyTo = replyTo != null ? replyTo.messageId() : answered.map(Correspondence.Mail::messageId).orElse(null);
        String root = replyTo != null && replyTo.threadId() != null ? replyTo.threadId()
                : answered.map(Correspondence.Mail::threadId).orElse(inReplyTo);

        MimeMessage m = new OwnIdMessage(session, settings.domain());
        m.setFrom(new InternetAddress(settings.address(), speaker.shown(), "UTF-8"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(chat.substring(EmailChannel.PREFIX.length() + 1), true));
        m.setSubject(subject(answered.map(Correspondence.Mail::subject), inReplyTo != null, speaker, part), "UTF-8");
        m.setSentDate(new Date());
        if (inReplyTo != null) {
            Set<String> references = new LinkedHashSet<>();
            if (root != null) {
                references.add(root);
            }
            references.add(inReplyTo);
            m.setHeader("In-Reply-To", inReplyTo);
            m.setHeader("References", String.join(" ", references));
        }
        m.setHeader("Auto-Submitted", "auto-replied");
        return m;
    }

    /** {@code Re: <subject>}, or a subject of its own for a mail that answers none; {@code (2/3)} for parts. */
    private static String subject(Optional<String> original, boolean reply, Speaker speaker, Outgoing.Part part) {
        String s;
        if (original.isPresent() && !original.get().isBlank()) {
            String o = original.get().strip();
            s = o.toLowerCase(Locale.ROOT).startsWith("re:") ? o : "Re: " + o;
        } else {
            s = reply ? "Re: your mail" : "Message from " + speaker.assistant();
        }
        return part != null && part.count() > 1 ? s + " (" + part.index() + "/" + part.count() + ")" : s;
    }

    /** A message whose Message-ID is a random one at the assistant's domain. */
    private static final class OwnIdMessage extends MimeMessage {
        private final String domain;

        OwnIdMessage(Session session, String domain) {
            super(session);
            this.domain = domain;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + domain + ">");
        }
    }
}
