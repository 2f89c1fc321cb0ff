package dev.pincer.channel.telegram;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Bot API objects as JSON, for updates a test hands to {@link FakeBotApi#deliver}. */
public final class TgUpdates {
    private TgUpdates() {}

    private static int nextId = 1;

    public static ObjectNode user(long id, String firstName, String username) {
        ObjectNode u = FakeBotApi.JSON.createObjectNode().put("id", id).put("is_bot", false).put("first_name", firstName);
        return username == null ? u : u.put("username", username);
    }

    public static ObjectNode group(long id, String title) {
        return FakeBotApi.JSON.createObjectNode().put("id", id).put("type", "supergroup").put("title", title);
    }

    /** A broadcast channel: its posts come as {@code channel_post}, without {@code from}. */
    public static ObjectNode channel(long id, String title) {
        return FakeBotApi.JSON.createObjectNode().put("id", id).put("type", "channel").put("title", title);
    }

    public static ObjectNode privateChat(long id, String firstName) {
        return FakeBotApi.JSON.createObjectNode().put("id", id).put("type", "private").put("first_name", firstName);
    }

    /** A text message (a fresh message id) from {@code from} in {@code chat}. */
    public static synchronized ObjectNode text(ObjectNode chat, ObjectNode from, String text) {
        ObjectNode m = FakeBotApi.JSON.createObjectNode().put("message_id", nextId++).put("date", 1_767_225_600L);
        m.set("chat", chat);
        if (from != null) {
            m.set("from", from);
        }
        return text == null ? m : m.put("text", text);
    }

    /** Adds an entity of {@code type} over the first occurrence of {@code covered} in the message text. */
    public static ObjectNode entity(ObjectNode message, String type, String covered, ObjectNode user) {
        String text = message.has("text") ? message.get("text").asText() : message.get("caption").asText();
        ObjectNode e = message.withArray(message.has("text") ? "entities" : "caption_entities").addObject()
                .put("type", type).put("offset", text.indexOf(covered)).put("length", covered.length());
        if (user != null) {
            e.set("user", user);
        }
        return message;
    }

    /** Makes {@code message} a reply to {@code answered}. */
    public static ObjectNode replyTo(ObjectNode message, ObjectNode answered) {
        message.set("reply_to_message", answered);
        return message;
    }
}
