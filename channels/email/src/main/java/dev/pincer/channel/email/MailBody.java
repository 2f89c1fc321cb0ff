package dev.pincer.channel.email;

import dev.pincer.channel.email.text.HtmlText;
import dev.pincer.host.channel.Inbound;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a mail says and carries: its text (the first {@code text/plain} part that is not an
 * attachment, else the first {@code text/html} one as plain text) and its attachments' metadata.
 * An attachment's file id is the mail's handle and its IMAP part number ({@code <handle>/2},
 * {@code <handle>/1.2}), by which {@link MailParts} fetches it again. Its size is the decoded size
 * (a base64 part's is estimated from the encoded one the server tells).
 */
record MailBody(String text, List<Inbound.Attachment> attachments) {

    /** @param handle what names the mail in the mailbox ({@code <UIDVALIDITY>/<UID>}) */
    static MailBody of(Part message, String handle) throws MessagingException, IOException {
        Walk w = new Walk(handle);
        w.part(message, "");
        String text = w.plain != null ? w.plain : w.html != null ? HtmlText.toPlain(w.html) : "";
        return new MailBody(text, w.attachments);
    }

    private static final class Walk {
        final String handle;
        String plain;
        String html;
        final List<Inbound.Attachment> attachments = new ArrayList<>();

        Walk(String handle) {
            this.handle = handle;
        }

        void part(Part p, String section) throws MessagingException, IOException {
            if (p.isMimeType("multipart/*") && p.getContent() instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    part(mp.getBodyPart(i), section.isEmpty() ? String.valueOf(i + 1) : section + "." + (i + 1));
                }
                return;
            }
            String at = section.isEmpty() ? "1" : section;
            boolean attached = Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition()) || p.getFileName() != null;
            if (!attached && p.isMimeType("text/plain") && plain == null) {
                plain = text(p);
            } else if (!attached && p.isMimeType("text/html") && html == null) {
                html = text(p);
            } else if (attached || !(p.isMimeType("text/plain") || p.isMimeType("text/html"))) {
                attachments.add(attachment(p, at));
            }
        }

        private static String text(Part p) throws MessagingException, IOException {
            try {
                return p.getContent() instanceof String s ? s : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (UnsupportedEncodingException e) { // a charset Java does not know: UTF-8 is the best guess
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
        }

        private Inbound.Attachment attachment(Part p, String section) throws MessagingException {
            String type = baseType(p.getContentType());
            String name = p.getFileName();
            if (name == null && p.isMimeType("message/rfc822")) {
                name = "forwarded-message.eml";
            }
            return new Inbound.Attachment(kind(type), name, type, decodedSize(p), handle + "/" + section);
        }

        /** The size the part has once decoded: base64 carries 57 bytes in each line of 76 characters and a line break. */
        private static long decodedSize(Part p) throws MessagingException {
            long size = Math.max(0, p.getSize());
            String encoding = p instanceof jakarta.mail.internet.MimePart mp ? mp.getEncoding() : null;
            return "base64".equalsIgnoreCase(encoding == null ? null : encoding.strip()) ? size * 57 / 78 : size;
        }

        private static String baseType(String contentType) {
            String t = contentType == null ? "application/octet-stream" : contentType;
            int semi = t.indexOf(';');
            return (semi < 0 ? t : t.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        }

        private static Inbound.Attachment.Kind kind(String type) {
            String major = type.contains("/") ? type.substring(0, type.indexOf('/')) : type;
            return switch (major) {
                case "image" -> Inbound.Attachment.Kind.IMAGE;
                case "audio" -> Inbound.Attachment.Kind.AUDIO;
                case "video" -> Inbound.Attachment.Kind.VIDEO;
                case "application", "text", "message" -> Inbound.Attachment.Kind.DOCUMENT;
                default -> Inbound.Attachment.Kind.OTHER;
            };
        }
    }
}
