package dev.pincer.channel.telegram;

import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.Inbound.Attachment;
import dev.pincer.host.channel.Inbound.Attachment.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.telegram.telegrambots.meta.api.objects.EntityType;
import org.telegram.telegrambots.meta.api.objects.MessageEntity;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;

/**
 * A Telegram update as an {@link Inbound} message: chat {@code tg:<chat id>} (negative for groups),
 * group unless the chat is private, the sender by user id ({@code self} when it is the bot or a
 * pool bot), the bot mentioned by an entity or by a reply to its message, the message it answers,
 * its forum topic as thread, and the files that came with it. Updates without text or files
 * (someone joined, a title changed) are not messages and map to nothing.
 */
final class UpdateMapper {
    private UpdateMapper() {}

    static final String PREFIX = "tg";
    private static final Set<String> GROUP_TYPES = Set.of("group", "supergroup", "channel");

    static Optional<Inbound> map(Update update, BotIdentity me) {
        Message m = update.getMessage() != null ? update.getMessage() : update.getChannelPost();
        if (m == null || m.getChat() == null || m.getMessageId() == null) {
            return Optional.empty();
        }
        String text = m.getText() != null ? m.getText() : m.getCaption() != null ? m.getCaption() : "";
        List<Attachment> files = attachments(m);
        if (text.isBlank() && files.isEmpty()) {
            return Optional.empty();
        }
        Chat chat = m.getChat();
        Inbound.Chat where = new Inbound.Chat(PREFIX + ":" + chat.getId(), chatName(chat),
                GROUP_TYPES.contains(String.valueOf(chat.getType()).toLowerCase(Locale.ROOT)));
        String thread = m.isTopicMessage() && m.getMessageThreadId() != null
                ? String.valueOf(m.getMessageThreadId()) : null;
        String replyTo = m.getReplyToMessage() == null ? null : String.valueOf(m.getReplyToMessage().getMessageId());
        Instant time = m.getDate() == null ? null : Instant.ofEpochSecond(m.getDate());
        return Optional.of(new Inbound(where, sender(m, me), String.valueOf(m.getMessageId()), text,
                new Inbound.Context(replyTo, thread, mentionsBot(m, me), time), files));
    }

    private static Inbound.Sender sender(Message m, BotIdentity me) {
        User from = m.getFrom();
        if (from == null) {
            Chat as = m.getSenderChat() != null ? m.getSenderChat() : m.getChat();
            return new Inbound.Sender(String.valueOf(as.getId()), chatName(as), false);
        }
        return new Inbound.Sender(String.valueOf(from.getId()), name(from.getFirstName(), from.getLastName(),
                from.getUserName()), me.isOwn(from.getId()));
    }

    /** A mention entity naming the bot, a text mention of its id, or a reply to one of its (or its pool's) messages. */
    static boolean mentionsBot(Message m, BotIdentity me) {
        List<MessageEntity> entities = new ArrayList<>();
        if (m.getEntities() != null) {
            entities.addAll(m.getEntities());
        }
        if (m.getCaptionEntities() != null) {
            entities.addAll(m.getCaptionEntities());
        }
        for (MessageEntity e : entities) {
            if (EntityType.MENTION.equals(e.getType()) && e.getText() != null && me.username() != null
                    && e.getText().equalsIgnoreCase("@" + me.username())) {
                return true;
            }
            if (EntityType.TEXTMENTION.equals(e.getType()) && e.getUser() != null && e.getUser().getId() == me.id()) {
                return true;
            }
        }
        Message answered = m.getReplyToMessage();
        return answered != null && answered.getFrom() != null && me.isOwn(answered.getFrom().getId());
    }

    /**
     * Files that came with the message, each with its {@code file_id} (what {@code getFile} takes): the
     * largest size of a photo, a document or an animation, voice, audio, a video or a round video note, a sticker.
     */
    static List<Attachment> attachments(Message m) {
        List<Attachment> out = new ArrayList<>();
        if (m.getPhoto() != null && !m.getPhoto().isEmpty()) {
            PhotoSize p = m.getPhoto().stream().max(Comparator.comparingLong(UpdateMapper::area)).orElseThrow();
            out.add(new Attachment(Kind.IMAGE, null, "image/jpeg", size(p.getFileSize()), p.getFileId()));
        }
        if (m.getAnimation() != null) { // a GIF (Telegram sends it as MP4); its "document" is the same file
            var a = m.getAnimation();
            out.add(new Attachment(Kind.VIDEO, a.getFileName(), a.getMimeType() == null ? "video/mp4" : a.getMimeType(),
                    size(a.getFileSize()), a.getFileId()));
        } else if (m.getDocument() != null) {
            var d = m.getDocument();
            out.add(new Attachment(Kind.DOCUMENT, d.getFileName(), d.getMimeType(), size(d.getFileSize()), d.getFileId()));
        }
        if (m.getVoice() != null) {
            var v = m.getVoice();
            out.add(new Attachment(Kind.VOICE, null, v.getMimeType(), size(v.getFileSize()), v.getFileId()));
        }
        if (m.getAudio() != null) {
            var a = m.getAudio();
            out.add(new Attachment(Kind.AUDIO, a.getFileName(), a.getMimeType(), size(a.getFileSize()), a.getFileId()));
        }
        if (m.getVideo() != null) {
            var v = m.getVideo();
            out.add(new Attachment(Kind.VIDEO, v.getFileName(), v.getMimeType(), size(v.getFileSize()), v.getFileId()));
        }
        if (m.getVideoNote() != null) {
            var v = m.getVideoNote();
            out.add(new Attachment(Kind.VIDEO, null, "video/mp4", size(v.getFileSize()), v.getFileId()));
        }
        if (m.getSticker() != null) {
            var s = m.getSticker();
            String mime = Boolean.TRUE.equals(s.getIsVideo()) ? "video/webm"
                    : Boolean.TRUE.equals(s.getIsAnimated()) ? "application/x-tgsticker" : "image/webp";
            out.add(new Attachment(Kind.STICKER, s.getEmoji(), mime, size(s.getFileSize()), s.getFileId()));
        }
        return out;
    }

    private static long area(PhotoSize p) {
        long w = p.getWidth() == null ? 0 : p.getWidth();
        long h = p.getHeight() == null ? 0 : p.getHeight();
        return w * h * 1_000_000L + size(p.getFileSize());
    }

    private static long size(Number n) {
        return n == null ? 0 : n.longValue();
    }

    private static String chatName(Chat c) {
        return c.getTitle() != null ? c.getTitle() : name(c.getFirstName(), c.getLastName(), c.getUserName());
    }

    private static String name(String first, String last, String username) {
        String n = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        return n.isEmpty() ? username : n;
    }
}
