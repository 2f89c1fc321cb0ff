package dev.pincer.channel.whatsapp.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.Inbound.Attachment.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One received WhatsApp message as an {@link Inbound}: the chat is {@code wa:<sender's number>} (a
 * direct message; the Cloud API has no groups), the id is the wamid (a redelivery is stored once),
 * a reply names the message it answers, media come as attachments with their media id and caption,
 * a location as text. Reactions are not messages and are left out.
 */
final class Messages {
    private Messages() {}

    private static final Logger log = LoggerFactory.getLogger(Messages.class);

    /**
     * @param name      the sender's profile name, or null
     * @param ownNumber the business number's digits: a message from it is the bot's own
     */
    static Optional<Inbound> inbound(JsonNode m, String name, String ownNumber) {
        String from = Notification.digits(m.path("from").asText(""));
        String id = m.path("id").asText("");
        String type = m.path("type").asText("");
        if (from.isEmpty() || id.isEmpty()) {
            log.warn("whatsapp: a message without sender or id was left out (type {})", type);
            return Optional.empty();
        }
        if (type.equals("reaction")) {
            log.debug("whatsapp: a reaction from {} was left out", from);
            return Optional.empty();
        }
        String text = "";
        List<Inbound.Attachment> files = List.of();
        JsonNode body = m.path(type);
        switch (type) {
            case "text" -> text = body.path("body").asText("");
            case "image", "video", "sticker", "document", "audio" -> {
                files = List.of(attachment(type, body));
                text = body.path("caption").asText("");
            }
            case "location" -> text = location(body);
            case "button" -> text = body.path("text").asText("");
            case "interactive" -> text = body.path(body.path("type").asText("")).path("title").asText("");
            default -> text = "[" + (type.isEmpty() ? "unknown" : type) + " message, which Pincer cannot read]";
        }
        JsonNode context = m.path("context");
        return Optional.of(new Inbound(new Inbound.Chat("wa:" + from, name, false),
                new Inbound.Sender(from, name, !ownNumber.isEmpty() && from.equals(ownNumber)), id, text,
                new Inbound.Context(context.path("id").asText(null), null, false, time(m)), files));
    }

    private static Inbound.Attachment attachment(String type, JsonNode media) {
        Kind kind = switch (type) {
            case "image" -> Kind.IMAGE;
            case "video" -> Kind.VIDEO;
            case "sticker" -> Kind.STICKER;
            case "audio" -> media.path("voice").asBoolean(false) ? Kind.VOICE : Kind.AUDIO;
            default -> Kind.DOCUMENT;
        };
        String fileName = media.path("filename").asText(null);
        return new Inbound.Attachment(kind, fileName, media.path("mime_type").asText(null), media.path("file_size").asLong(0),
                media.path("id").asText(""));
    }

    /** A shared location as text: its name and address if any, the coordinates and a map link. */
    static String location(JsonNode l) {
        String lat = l.path("latitude").asText("?");
        String lon = l.path("longitude").asText("?");
        StringBuilder sb = new StringBuilder("Location: ");
        for (String field : List.of("name", "address")) {
            String v = l.path(field).asText("");
            if (!v.isBlank()) {
                sb.append(v.strip()).append(", ");
            }
        }
        sb.append(lat).append(", ").append(lon).append(" (https://www.openstreetmap.org/?mlat=").append(lat)
                .append("&mlon=").append(lon).append(")");
        return sb.toString();
    }

    /** The {@code timestamp} (epoch seconds) of a message or status; null (now) when missing. */
    static Instant time(JsonNode n) {
        String t = n.path("timestamp").asText("");
        return t.matches("\\d{1,12}") ? Instant.ofEpochSecond(Long.parseLong(t)) : null;
    }
}
