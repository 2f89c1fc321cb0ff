package dev.pincer.channel.whatsappweb.mapping;

import dev.pincer.host.channel.FileLimits;
import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.OutgoingFile;
import dev.pincer.host.channel.Speaker;
import dev.pincer.host.channel.Undeliverable;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.ContextInfo;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.standard.DocumentMessageBuilder;
import it.auties.whatsapp.model.message.standard.ImageMessageSimpleBuilder;
import it.auties.whatsapp.model.message.standard.TextMessage;
import java.util.Optional;
import java.util.Set;

/**
 * Pincer's replies as Cobalt messages. Pincer writes from the owner's own account, so every message
 * starts with the speaker's name in bold ({@code *Andy:*}, {@code *Andy · researcher:*}): nobody in
 * a chat mistakes the assistant for the owner. A reply to a message that was itself a reply quotes
 * the message it answers (on its first part), as WhatsApp shows a reply. Files go as photos (JPEG
 * and PNG up to {@link #MAX_PHOTO}) or as documents (up to {@link #MAX_DOCUMENT}) with their name;
 * Cobalt encrypts and uploads them when the message is sent.
 */
public final class OutboundMessages {
    private OutboundMessages() {}

    /** How long a text may get before WhatsApp shows "Read more"; parts are kept within it. */
    public static final int MAX_TEXT = 4096;
    /** Room in each part for the speaker's name line. */
    public static final int SPEAKER_ROOM = 96;
    public static final int MAX_CAPTION = 1024;
    static final Set<String> PHOTO_TYPES = Set.of("image/jpeg", "image/png");
    public static final long MAX_PHOTO = 16L << 20;
    public static final long MAX_DOCUMENT = 100L << 20;
    private static final FileLimits FILES = new FileLimits("WhatsApp", PHOTO_TYPES, MAX_PHOTO, MAX_DOCUMENT);

    /** A reply part as a text message; {@code quoted} is the message it answers, when it quotes one. */
    public static MessageContainer text(Outgoing o, Optional<ChatMessageInfo> quoted) {
        TextMessage message = TextMessage.of(speakerLine(o.speaker(), o.text()) + o.text());
        quoted.ifPresent(q -> message.setContextInfo(ContextInfo.of(q)));
        return MessageContainer.of(message);
    }

    /** Whether a part quotes the message it answers: the first part of a reply to a reply. */
    public static boolean quotes(Outgoing.ReplyTo replyTo, int part) {
        return part == 1 && replyTo != null && replyTo.isReply() && replyTo.messageId() != null;
    }

    /** A file as a photo or a document with its caption (the speaker's name first). */
    public static MessageContainer file(OutgoingFile f, byte[] bytes, Optional<ChatMessageInfo> quoted) throws Undeliverable {
        String caption = f.caption() == null ? "" : f.caption().strip();
        caption = speakerLine(f.speaker(), caption) + caption;
        caption = caption.length() <= MAX_CAPTION ? caption.strip() : caption.substring(0, MAX_CAPTION - 3) + "...";
        ContextInfo context = quoted.map(ContextInfo::of).orElseGet(ContextInfo::empty);
        if (asPhoto(f.file())) {
            return MessageContainer.of(new ImageMessageSimpleBuilder().media(bytes).mimeType(f.file().mimeType())
                    .caption(caption).contextInfo(context).build());
        }
        String mime = f.file().mimeType() == null || f.file().mimeType().isBlank() ? "application/octet-stream" : f.file().mimeType();
        var document = new DocumentMessageBuilder().fileName(f.file().name()).title(f.file().name()).mimetype(mime)
                .caption(caption).mediaSize((long) bytes.length).pageCount(1).contextInfo(context).build();
        return MessageContainer.of(document.setDecodedMedia(bytes));
    }

    /** Whether a file goes as a photo; throws when WhatsApp takes it in no form. */
    public static boolean asPhoto(OutgoingFile.FileRef f) throws Undeliverable {
        return FILES.asPhoto(f);
    }

    /** {@code *Name:*} and a space, or a line break before a block (code, a quote, a list) that must start a line. */
    static String speakerLine(Speaker speaker, String text) {
        String name = speaker.shown().replaceAll("[*_~`\\r\\n]", "").strip();
        boolean block = text.startsWith("```") || text.startsWith(">") || text.startsWith("- ") || text.matches("(?s)^\\d+\\. .*");
        return "*" + name + ":*" + (text.isEmpty() ? "" : block ? "\n" : " ");
    }
}
