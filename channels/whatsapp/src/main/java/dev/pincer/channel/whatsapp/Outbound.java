package dev.pincer.channel.whatsapp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.host.channel.FileLimits;
import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.OutgoingFile;
import dev.pincer.host.channel.Speaker;
import dev.pincer.host.channel.Undeliverable;
import dev.pincer.protocol.Json;
import java.util.Set;

/**
 * The bodies of {@code POST /{phone-number-id}/messages} for a reply part or a file: the recipient
 * ({@code wa:<digits>}), a sub-agent's name as a bold first line, the message it answers
 * ({@code context.message_id}, on the first part only), link previews off.
 */
final class Outbound {
    private Outbound() {}

    /** WhatsApp's limit for a text body. */
    static final int MAX_TEXT = 4096;
    /** Room kept in each part for a sub-agent's name line. */
    static final int SPEAKER_ROOM = 96;
    static final int MAX_CAPTION = 1024;
    /** Images WhatsApp shows as photos, and how large they may be; anything else goes as a document. */
    static final Set<String> PHOTO_TYPES = Set.of("image/jpeg", "image/png");
    static final long MAX_PHOTO = 5L << 20;
    static final long MAX_DOCUMENT = 100L << 20;
    private static final FileLimits FILES = new FileLimits("WhatsApp", PHOTO_TYPES, MAX_PHOTO, MAX_DOCUMENT);

    /** The phone number (digits) of a {@code wa:} chat. */
    static String recipient(String chatId) throws Undeliverable {
        String digits = chatId.startsWith("wa:") ? chatId.substring(3) : "";
        if (!digits.matches("\\d{6,20}")) {
            throw new Undeliverable("'" + chatId + "' is not a WhatsApp chat: use wa:<phone number in international format,"
                    + " digits only, e.g. wa:4915112345678>");
        }
        return digits;
    }

    static ObjectNode text(Outgoing o) throws Undeliverable {
        ObjectNode m = base(o.chatId(), o.replyTo(), o.part().index() == 1);
        m.put("type", "text");
        m.putObject("text").put("preview_url", false).put("body", speakerLine(o.speaker()) + o.text());
        return m;
    }

    /** An uploaded file as a photo or a document, with its caption. */
    static ObjectNode file(OutgoingFile f, String mediaId, boolean photo) throws Undeliverable {
        ObjectNode m = base(f.chatId(), f.replyTo(), true);
        String caption = speakerLine(f.speaker()) + (f.caption() == null ? "" : f.caption().strip());
        caption = caption.length() <= MAX_CAPTION ? caption : caption.substring(0, MAX_CAPTION - 3) + "...";
        String type = photo ? "image" : "document";
        m.put("type", type);
        ObjectNode media = m.putObject(type).put("id", mediaId);
        if (!caption.isBlank()) {
            media.put("caption", caption.strip());
        }
        if (!photo) {
            media.put("filename", f.file().name());
        }
        return m;
    }

    /** Whether a file goes as a photo; throws when WhatsApp takes it in no form. */
    static boolean asPhoto(OutgoingFile.FileRef f) throws Undeliverable {
        return FILES.asPhoto(f);
    }

    private static ObjectNode base(String chatId, Outgoing.ReplyTo replyTo, boolean withContext) throws Undeliverable {
        ObjectNode m = Json.MAPPER.createObjectNode().put("messaging_product", "whatsapp").put("recipient_type", "individual")
                .put("to", recipient(chatId));
        if (withContext && replyTo != null && replyTo.isReply() && replyTo.messageId() != null) {
            m.putObject("context").put("message_id", replyTo.messageId());
        }
        return m;
    }

    /** A sub-agent speaks under its own name (the assistant itself needs none: the business name shows). */
    static String speakerLine(Speaker speaker) {
        if (speaker == null || speaker.role() == null) {
            return "";
        }
        String shown = speaker.shown().replace("*", "");
        return "*" + (shown.length() <= SPEAKER_ROOM - 4 ? shown : shown.substring(0, SPEAKER_ROOM - 7) + "...") + "*\n";
    }
}
