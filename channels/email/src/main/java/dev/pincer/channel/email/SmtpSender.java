package dev.pincer.channel.email;

import dev.pincer.host.channel.Outgoing;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Sends replies over SMTP, one connection per mail: plain text, From the assistant's address under
 * the speaker's name ({@code "Andy · researcher" <andy@example.org>}), Subject {@code Re: } the
 * mail answered, In-Reply-To that mail and References the thread's root and that mail, so mail
 * programs keep the conversation in its thread. Marked {@code Auto-Submitted: auto-replied}
 * (RFC 3834), so other robots do not answer it. A refusal by the server is thrown: the outbox retries.
 */
final class SmtpSender {

    private final Session session;
    private final EmailSettings settings;
    private final Correspondence recent;

    SmtpSender(Session session, EmailSettings settings, Correspondence recent) {
        this.session = session;
        this.settings = settings;
        this.recent = recent;
    }

    /** Sends one reply; returns its Message-ID. */
    String send(Outgoing out) throws MessagingException, UnsupportedEncodingException {
        MimeMessage m = compose(out);
        MailServer smtp = settings.smtp();
        try (Transport t = session.getTransport(smtp.protocol().scheme())) {
            t.connect(smtp.host(), smtp.port(), smtp.user(), smtp.password());
            t.sendMessage(m, m.getAllRecipients());
        } catch (MessagingException e) {
            throw new MessagingException("SMTP " + smtp.shown() + " did not take the mail to " + out.chatId() + ": "
                    + MailErrors.describe(e), e);
        }
        return m.getMessageID();
    }

    /** Connects and logs in, then leaves (for {@code doctor}). */
    void check() throws MessagingException {
        MailServer smtp = settings.smtp();
        try (Transport t = session.getTransport(smtp.protocol().scheme())) {
            t.connect(smtp.host(), smtp.port(), smtp.user(), smtp.password());
        }
    }

    MimeMessage compose(Outgoing out) throws MessagingException, UnsupportedEncodingException {
        String chat = out.chatId();
        if (!chat.startsWith(EmailChannel.PREFIX + ":")) {
            throw new IllegalArgumentException("not an email chat: " + chat);
        }
        Outgoing.ReplyTo replyTo = out.replyTo();
        Optional<Correspondence.Mail> answered = replyTo == null ? recent.latestIn(chat) : recent.byId(replyTo.messageId());
        String inReplyTo = replyTo != null ? replyTo.messageId() : answered.map(Correspondence.Mail::messageId).orElse(null);
        String root = replyTo != null && replyTo.threadId() != null ? replyTo.threadId()
                : answered.map(Correspondence.Mail::threadId).orElse(inReplyTo);

        MimeMessage m = new OwnIdMessage(session, settings.domain());
        m.setFrom(new InternetAddress(settings.address(), out.speaker().shown(), "UTF-8"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(chat.substring(EmailChannel.PREFIX.length() + 1), true));
        m.setSubject(subject(answered.map(Correspondence.Mail::subject), inReplyTo != null, out), "UTF-8");
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
        m.setText(out.text(), "UTF-8");
        m.saveChanges();
        return m;
    }

    /** {@code Re: <subject>}, or a subject of its own for a mail that answers none; {@code (2/3)} for parts. */
    private static String subject(Optional<String> original, boolean reply, Outgoing out) {
        String s;
        if (original.isPresent() && !original.get().isBlank()) {
            String o = original.get().strip();
            s = o.toLowerCase(Locale.ROOT).startsWith("re:") ? o : "Re: " + o;
        } else {
            s = reply ? "Re: your mail" : "Message from " + out.speaker().assistant();
        }
        return out.part() != null && out.part().count() > 1 ? s + " (" + out.part().index() + "/" + out.part().count() + ")" : s;
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
