package dev.pincer.channel.whatsappweb.mapping;

import dev.pincer.host.channel.Inbound;
import it.auties.whatsapp.model.chat.Chat;
import it.auties.whatsapp.model.contact.Contact;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.ContextInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.message.model.ContextualMessage;
import it.auties.whatsapp.model.message.model.MediaMessage;
import it.auties.whatsapp.model.message.model.Message;
import it.auties.whatsapp.model.message.standard.AudioMessage;
import it.auties.whatsapp.model.message.standard.ContactMessage;
import it.auties.whatsapp.model.message.standard.DocumentMessage;
import it.auties.whatsapp.model.message.standard.ImageMessage;
import it.auties.whatsapp.model.message.standard.LocationMessage;
import it.auties.whatsapp.model.message.standard.StickerMessage;
import it.auties.whatsapp.model.message.standard.TextMessage;
import it.auties.whatsapp.model.message.standard.VideoOrGifMessage;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A message WhatsApp delivered to the linked account, as Pincer's {@link Inbound}.
 *
 * <ul>
 *   <li>Chat: {@link ChatIds#of} the chat's jid; a group when it is a {@code @g.us} jid; named after the
 *       group's subject, the other person's push name, or the owner for the chat with oneself.</li>
 *   <li>Sender: the jid without a device ({@code 4915112345678@s.whatsapp.net}) and the push name.
 *       What the owner writes from the phone (or another device) is the owner's message; only what
 *       Pincer itself sent ({@code sentByPincer} knows its message ids, or the sender is this very
 *       device) is {@link Inbound.Sender#self()}.</li>
 *   <li>Mentions: WhatsApp's mention list naming the linked account (by number or hidden-number id)
 *       sets {@link Inbound.Context#mentionsBot()}; a quoted message is {@code replyToId}.</li>
 *   <li>Content: text; images, videos, audio, voice notes, documents and stickers as attachments
 *       (their caption as the text; the file id {@code <chat jid>/<message id>} lets the channel fetch
 *       them); a location or a contact card as a line of text. Status updates, broadcast lists,
 *       newsletters, group notices (join, leave, subject), reactions, polls, calls and protocol
 *       messages are left out.</li>
 * </ul>
 */
public final class InboundMapper {
    private InboundMapper() {}

    /** The message for Pincer; empty when it is one of those left out. */
    public static Optional<Inbound> map(ChatMessageInfo m, Me me, Predicate<String> sentByPincer) {
        Jid chatJid = m.chatJid().toSimpleJid();
        if (m.ignore() || m.stubType().isPresent() || !chatJid.hasUser() || !chatOfPeople(chatJid)) {
            return Optional.empty();
        }
        Message content = m.message().content();
        Optional<Body> body = body(content, chatJid, m.id());
        if (body.isEmpty() || (body.get().text().isBlank() && body.get().attachments().isEmpty())) {
            return Optional.empty();
        }
        boolean group = ChatIds.group(chatJid);
        Jid senderJid = m.senderJid();
        boolean owner = m.fromMe() || me.is(senderJid);
        String senderName = owner ? me.name() : m.pushName().orElseGet(() -> m.sender().map(Contact::name).orElse(null));
        Inbound.Chat chat = new Inbound.Chat(ChatIds.of(chatJid), chatName(m, chatJid, me, group, senderName), group);
        boolean self = sentByPincer.test(m.id()) || me.isThisDevice(senderJid);
        Inbound.Sender sender = new Inbound.Sender(senderJid.toSimpleJid().toString(), senderName, self);
        Optional<ContextInfo> context = content instanceof ContextualMessage<?> c ? c.contextInfo() : Optional.empty();
        boolean mentioned = context.map(ContextInfo::mentions).orElse(List.of()).stream().anyMatch(me::is);
        String replyTo = context.flatMap(ContextInfo::quotedMessageId).orElse(null);
        Instant time = m.timestampSeconds().isPresent() ? Instant.ofEpochSecond(m.timestampSeconds().getAsLong()) : null;
        return Optional.of(new Inbound(chat, sender, m.id(), body.get().text(),
                new Inbound.Context(replyTo, null, mentioned, time), body.get().attachments()));
    }

    /**
     * Chats of people: a person (by number or hidden number) or a group; not status, broadcast lists
     * or newsletters. By the server's address: Cobalt 0.0.10's {@code Jid.type()} calls every
     * {@code @s.whatsapp.net} jid "unknown" (its parser compares 14 characters under a length of 13).
     */
    static boolean chatOfPeople(Jid chat) {
        return chat.hasServer(JidServer.whatsapp()) || chat.hasServer(JidServer.user()) || chat.hasServer(JidServer.lid())
                || chat.hasServer(JidServer.groupOrCommunity());
    }

    private static String chatName(ChatMessageInfo m, Jid chatJid, Me me, boolean group, String senderName) {
        Optional<String> known = m.chat().map(Chat::name).filter(n -> !n.equals(chatJid.user()));
        if (group) {
            return known.orElse(null);
        }
        if (chatJid.equals(me.selfChat())) {
            return me.name();
        }
        return known.orElse(m.fromMe() ? null : senderName);
    }

    /** What a message says and carries. */
    record Body(String text, List<Inbound.Attachment> attachments) {}

    private static Optional<Body> body(Message content, Jid chat, String id) {
        String fileId = chat + "/" + id;
        return switch (content) {
            case TextMessage t -> Optional.of(new Body(t.text(), List.of()));
            case ImageMessage i -> media(i, Inbound.Attachment.Kind.IMAGE, null, i.caption(), fileId);
            case VideoOrGifMessage v -> media(v, Inbound.Attachment.Kind.VIDEO, null, v.caption(), fileId);
            case AudioMessage a -> media(a, a.voiceMessage() ? Inbound.Attachment.Kind.VOICE : Inbound.Attachment.Kind.AUDIO,
                    null, Optional.empty(), fileId);
            case DocumentMessage d -> media(d, Inbound.Attachment.Kind.DOCUMENT,
                    d.fileName().or(d::title).orElse(null), d.caption(), fileId);
            case StickerMessage s -> media(s, Inbound.Attachment.Kind.STICKER, null, Optional.empty(), fileId);
            case LocationMessage l -> Optional.of(new Body(location(l), List.of()));
            case ContactMessage c -> Optional.of(new Body("[contact card: " + c.name() + "]", List.of()));
            default -> Optional.empty();
        };
    }

    private static Optional<Body> media(MediaMessage<?> m, Inbound.Attachment.Kind kind, String name, Optional<String> caption,
                                        String fileId) {
        String mime = mimeType(m);
        long size = m.mediaSize().orElse(-1);
        return Optional.of(new Body(caption.orElse(""), List.of(new Inbound.Attachment(kind, name, mime, size, fileId))));
    }

    private static String mimeType(MediaMessage<?> m) {
        Optional<String> declared = switch (m) {
            case ImageMessage i -> i.mimetype();
            case VideoOrGifMessage v -> v.mimetype();
            case AudioMessage a -> a.mimetype();
            case DocumentMessage d -> d.mimetype();
            case StickerMessage s -> s.mimetype();
            default -> Optional.empty();
        };
        String mime = declared.orElse(m.mediaType().mimeType());
        int semicolon = mime.indexOf(';'); // "audio/ogg; codecs=opus"
        return (semicolon < 0 ? mime : mime.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static String location(LocationMessage l) {
        String where = l.name().or(l::address).map(n -> n + " ").orElse("");
        return String.format(Locale.ROOT, "[location: %s(%.6f, %.6f) https://maps.google.com/?q=%.6f,%.6f]", where,
                l.latitude(), l.longitude(), l.latitude(), l.longitude());
    }
}
