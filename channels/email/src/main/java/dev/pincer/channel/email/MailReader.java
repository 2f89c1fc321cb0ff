package dev.pincer.channel.email;

import dev.pincer.channel.email.text.QuotedText;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.MessageText;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A received mail as the core sees it. The chat is {@code mail:<sender address>} (a direct
 * conversation per sender); the message id is the Message-ID, the reply-to the In-Reply-To, and the
 * thread the thread's first Message-ID (the first of References, else In-Reply-To, else its own).
 * The text is the person's own words ({@link QuotedText}); a mail that starts a thread has its
 * subject on top. Mail from {@code EMAIL_ADDRESS} is the assistant's own. Automatic mail (bounces,
 * out-of-office replies, bulk mail) is not handed in, so two robots never answer each other.
 */
final class MailReader {

    private static final Pattern ID = Pattern.compile("<[^<>\\s]+>");
    private static final int MAX_ID = 200;
    private static final String CUT = "\n\n[the rest of this mail was cut: it was too long]";

    /** A mail read: what the core gets, and its subject (for replies). */
    record Read(Inbound inbound, String subject) {}

    private final String address;

    /** @param address the assistant's own address, lower-case */
    MailReader(String address) {
        this.address = address;
    }

    /**
     * @param fallbackId the id to use when the mail has no Message-ID (derived from its UID)
     * @param handle     what names the mail in the mailbox, for its attachments' file ids ({@code <UIDVALIDITY>/<UID>})
     * @return empty for automatic mail
     */
    Optional<Read> read(MimeMessage m, String fallbackId, String handle) throws MessagingException, IOException {
        if (automatic(m)) {
            return Optional.empty();
        }
        InternetAddress from = first(m.getFrom());
        String sender = from == null ? "unknown" : from.getAddress().toLowerCase(Locale.ROOT);
        boolean self = sender.equals(address);
        String chatAddress = self ? firstOther(m.getRecipients(Message.RecipientType.TO)).orElse(sender) : sender;
        String name = from == null || from.getPersonal() == null ? sender : from.getPersonal();

        String own = firstId(m.getHeader("Message-ID", null)).orElse(fallbackId);
        Optional<String> inReplyTo = firstId(m.getHeader("In-Reply-To", null));
        Optional<String> root = firstId(m.getHeader("References", " ")).or(() -> inReplyTo);
        String subject = m.getSubject();

        MailBody body = MailBody.of(m, handle);
        String text = QuotedText.strip(body.text());
        if (root.isEmpty() && subject != null && !subject.isBlank()) {
            text = "Subject: " + subject.strip() + (text.isBlank() ? "" : "\n\n" + text);
        }
        Instant time = m.getSentDate() != null ? m.getSentDate().toInstant()
                : m.getReceivedDate() != null ? m.getReceivedDate().toInstant() : null;
        Inbound inbound = new Inbound(new Inbound.Chat("mail:" + chatAddress, self ? chatAddress : name, false),
                new Inbound.Sender(sender, name, self), id(own), clean(text),
                new Inbound.Context(inReplyTo.map(MailReader::id).orElse(null), id(root.orElse(own)), true, time),
                body.attachments());
        return Optional.of(new Read(inbound, subject));
    }

    /** Bounces, auto-replies and bulk mail (RFC 3834 Auto-Submitted, Precedence, an empty Return-Path). */
    static boolean automatic(MimeMessage m) throws MessagingException {
        String auto = m.getHeader("Auto-Submitted", null);
        String precedence = m.getHeader("Precedence", null);
        String returnPath = m.getHeader("Return-Path", null);
        return auto != null && !auto.strip().toLowerCase(Locale.ROOT).startsWith("no")
                || precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|junk|auto_reply")
                || returnPath != null && returnPath.strip().equals("<>");
    }

    /** The ids in a Message-ID, In-Reply-To or References header, in order ({@code <a@b>}). */
    static List<String> ids(String header) {
        List<String> out = new ArrayList<>();
        if (header != null) {
            Matcher m = ID.matcher(header);
            while (m.find()) {
                out.add(m.group());
            }
        }
        return out;
    }

    private static Optional<String> firstId(String header) {
        return ids(header).stream().findFirst();
    }

    /** An id the core takes (at most 200 characters; a longer one is shortened to a stable hash). */
    static String id(String messageId) {
        return messageId.length() <= MAX_ID ? messageId
                : "<" + Integer.toHexString(messageId.hashCode()) + "." + messageId.length() + "@long-message-id>";
    }

    private static InternetAddress first(Address[] addresses) {
        if (addresses != null) {
            for (Address a : addresses) {
                if (a instanceof InternetAddress ia && ia.getAddress() != null) {
                    return ia;
                }
            }
        }
        return null;
    }

    private Optional<String> firstOther(Address[] addresses) {
        if (addresses != null) {
            for (Address a : addresses) {
                if (a instanceof InternetAddress ia && ia.getAddress() != null && !ia.getAddress().equalsIgnoreCase(address)) {
                    return Optional.of(ia.getAddress().toLowerCase(Locale.ROOT));
                }
            }
        }
        return Optional.empty();
    }

    /** Text the core takes: no control characters but line breaks and tabs, within its length limit. */
    static String clean(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.replace("\r\n", "\n").codePoints().forEach(cp -> sb.appendCodePoint(
                Character.getType(cp) == Character.CONTROL && cp != '\n' && cp != '\t' ? ' '
                        : Character.getType(cp) == Character.SURROGATE ? '\uFFFD' : cp));
        String s = sb.toString();
        int max = MessageText.MAX_CHARS - CUT.length();
        return s.length() <= max ? s : s.substring(0, max) + CUT;
    }
}
