package dev.pincer.channel.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.host.channel.Inbound;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A Slack {@code message} or {@code app_mention} event as an {@link Inbound}: chat
 * {@code slack:<channel id>}, a group unless it is a direct message ({@code channel_type} "im" or a
 * {@code D...} channel), the message's {@code ts} as its id, {@code thread_ts} as its thread, the
 * bot mentioned when it is an {@code app_mention} or a rich-text user element (or {@code <@BOT>})
 * names the bot, files as attachment metadata, and the bot's own messages marked self by its ids.
 * Edits, deletions, joins and other subtypes are not messages: they map to nothing.
 */
final class EventMapper {

    static final String PREFIX = "slack";
    private static final Set<String> MESSAGE_SUBTYPES = Set.of("file_share", "thread_broadcast", "bot_message", "me_message");

    private final Directory directory;
    private final String assistantName;

    EventMapper(Directory directory, String assistantName) {
        this.directory = directory;
        this.assistantName = assistantName;
    }

    Optional<Inbound> map(JsonNode event, Identity me) {
        String type = text(event, "type");
        boolean mention = "app_mention".equals(type);
        String subtype = text(event, "subtype");
        String channel = text(event, "channel");
        String ts = text(event, "ts");
        if (!(mention || "message".equals(type)) || (subtype != null && !MESSAGE_SUBTYPES.contains(subtype))
                || event.path("hidden").asBoolean(false) || channel == null || ts == null) {
            return Optional.empty();
        }
        String user = text(event, "user");
        String bot = text(event, "bot_id");
        boolean self = me.isSelf(user, bot);
        boolean group = isGroup(text(event, "channel_type"), channel);
        String senderName = self ? me.name() : user != null ? directory.user(user) : botName(event);
        Inbound.Sender sender = new Inbound.Sender(user != null ? user : bot, senderName, self);
        String chatName = group ? directory.chat(channel) : self ? null : senderName;
        String threadTs = text(event, "thread_ts");
        var context = new Inbound.Context(threadTs != null && !threadTs.equals(ts) ? threadTs : null, threadTs,
                mention || mentions(event, me.userId()), time(ts));
        String body = SlackText.plain(text(event, "text"), id -> id.equals(me.userId()) ? assistantName : directory.user(id));
        return Optional.of(new Inbound(new Inbound.Chat(PREFIX + ":" + channel, chatName, group), sender, ts, body, context,
                attachments(event.path("files"))));
    }

    /** A direct message is {@code channel_type} "im"; without a type (app_mention), a {@code D...} channel. */
    static boolean isGroup(String channelType, String channel) {
        return channelType != null ? !"im".equals(channelType) : !channel.startsWith("D");
    }

    /** The bot named in a rich-text user element, or (for a message without blocks) in {@code <@BOT>} markup. */
    static boolean mentions(JsonNode event, String botUserId) {
        if (botUserId == null) {
            return false;
        }
        if (mentionsIn(event.path("blocks"), botUserId)) {
            return true;
        }
        String text = text(event, "text");
        return text != null && (text.contains("<@" + botUserId + ">") || text.contains("<@" + botUserId + "|"));
    }

    private static boolean mentionsIn(JsonNode node, String botUserId) {
        if (node.isArray()) {
            for (JsonNode n : node) {
                if (mentionsIn(n, botUserId)) {
                    return true;
                }
            }
        } else if (node.isObject()) {
            if ("user".equals(text(node, "type")) && botUserId.equals(text(node, "user_id"))) {
                return true;
            }
            return mentionsIn(node.path("elements"), botUserId);
        }
        return false;
    }

    private static String botName(JsonNode event) {
        String name = text(event, "username");
        return name != null ? name : text(event.path("bot_profile"), "name");
    }

    /**
     * The files of a message. Each one's handle is its {@code url_private_download} (else
     * {@code url_private}); a file Slack sent without them ({@code file_access: check_file_info}) is
     * named by its id, and {@code files.info} tells where it is when it is fetched.
     */
    static List<Inbound.Attachment> attachments(JsonNode files) {
        List<Inbound.Attachment> out = new ArrayList<>();
        for (JsonNode f : files) {
            String mime = text(f, "mimetype");
            String id = text(f, "id");
            String url = text(f, "url_private_download") != null ? text(f, "url_private_download") : text(f, "url_private");
            if (id != null) {
                out.add(new Inbound.Attachment(kind(mime, text(f, "subtype")), text(f, "name"), mime, f.path("size").asLong(0),
                        url != null ? url : id));
            }
        }
        return out;
    }

    static Inbound.Attachment.Kind kind(String mimeType, String subtype) {
        String mime = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT);
        if ("slack_audio".equals(subtype)) {
            return Inbound.Attachment.Kind.VOICE;
        }
        if (mime.startsWith("image/")) {
            return Inbound.Attachment.Kind.IMAGE;
        }
        if (mime.startsWith("audio/")) {
            return Inbound.Attachment.Kind.AUDIO;
        }
        if (mime.startsWith("video/")) {
            return Inbound.Attachment.Kind.VIDEO;
        }
        return mime.isEmpty() ? Inbound.Attachment.Kind.OTHER : Inbound.Attachment.Kind.DOCUMENT;
    }

    /** A {@code ts} ("1700000000.000100": seconds and microseconds) as an instant; null if it is not one. */
    static Instant time(String ts) {
        try {
            BigDecimal seconds = new BigDecimal(ts);
            return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        } catch (NumberFormatException | ArithmeticException e) {
            return null; // Inbound.Context then takes now
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }
}
