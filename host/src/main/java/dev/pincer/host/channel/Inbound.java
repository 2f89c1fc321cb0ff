package dev.pincer.host.channel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message as a channel received it.
 *
 * @param chat        where it was said
 * @param sender      who said it
 * @param id          the platform's id of the message, unique within the chat (a redelivery with the same id is stored once)
 * @param text        what was said (may be empty when there are attachments)
 * @param context     reply/thread references, whether the bot was mentioned, when
 * @param attachments files that came with it (metadata only; the core fetches them when needed)
 */
public record Inbound(Chat chat, Sender sender, String id, String text, Context context, List<Attachment> attachments) {

    public Inbound {
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(sender, "sender");
        context = context == null ? new Context(null, null, false, null) : context;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        text = text == null ? "" : text;
        if (id == null || id.isBlank() || id.length() > 200) {
            throw new IllegalArgumentException("message has no valid id");
        }
    }

    /** A plain text message without references. */
    public static Inbound text(Chat chat, Sender sender, String id, String text, Instant time) {
        return new Inbound(chat, sender, id, text, new Context(null, null, false, time), List.of());
    }

    /**
     * A chat.
     *
     * @param id    the chat id with its channel prefix, e.g. {@code tg:-100123}
     * @param name  a display name, or null
     * @param group a group chat (several people), as opposed to a direct message
     */
    public record Chat(String id, String name, boolean group) {
        public Chat {
            ChatId.check(id);
            name = name == null || name.isBlank() ? null : name.strip();
            if (name != null && name.length() > 200) {
                name = name.substring(0, 200);
            }
        }
    }

    /**
     * Who sent it.
     *
     * @param id   the platform's id of the sender (a user id, an address)
     * @param name a display name
     * @param self the bot's own account (recognised by id): stored nowhere, never triggers a run
     */
    public record Sender(String id, String name, boolean self) {
        public Sender {
            id = id == null || id.isBlank() ? "unknown" : id.strip();
            name = name == null || name.isBlank() ? id : name.strip();
        }
    }

    /**
     * @param replyToId   the platform id of the message this one answers, or null
     * @param threadId    the platform's thread (Slack {@code thread_ts}, an email thread's first Message-ID), or null
     * @param mentionsBot the platform's own mention of the bot (an entity, not a text match)
     * @param time        when it was sent (null: now)
     */
    public record Context(String replyToId, String threadId, boolean mentionsBot, Instant time) {
        public Context {
            time = time == null ? Instant.now() : time;
        }
    }

    /**
     * A file that came with a message.
     *
     * @param fileId the platform's handle to fetch it
     */
    public record Attachment(Kind kind, String name, String mimeType, long size, String fileId) {
        public enum Kind { IMAGE, AUDIO, VOICE, VIDEO, DOCUMENT, STICKER, OTHER }
    }
}
