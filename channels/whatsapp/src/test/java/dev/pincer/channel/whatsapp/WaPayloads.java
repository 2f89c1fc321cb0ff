package dev.pincer.channel.whatsapp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.channel.whatsapp.webhook.Signature;
import dev.pincer.protocol.Json;
import java.nio.charset.StandardCharsets;

/** Webhook bodies as Meta sends them (the Cloud API's {@code whatsapp_business_account} notifications), and their signature. */
public final class WaPayloads {
    private WaPayloads() {}

    public static final String OWN_NUMBER = "15550100";

    /** A text message from {@code from} (digits) with the given wamid. */
    public static String text(String from, String name, String wamid, String body) {
        ObjectNode m = message(from, wamid, "text");
        m.putObject("text").put("body", body);
        return messages(from, name, m);
    }

    /** An image (a JPEG) from {@code from} with the given wamid, media id and caption. */
    public static String image(String from, String name, String wamid, String mediaId, String caption) {
        ObjectNode m = message(from, wamid, "image");
        m.putObject("image").put("id", mediaId).put("mime_type", "image/jpeg").put("caption", caption);
        return messages(from, name, m);
    }

    /** A message without its type's content yet: add it with {@code m.putObject(type)}. */
    public static ObjectNode message(String from, String wamid, String type) {
        return Json.MAPPER.createObjectNode().put("from", from).put("id", wamid).put("timestamp", now()).put("type", type);
    }

    /** A notification carrying {@code message} from {@code from}, whose profile name is {@code name}. */
    public static String messages(String from, String name, ObjectNode message) {
        ObjectNode value = value(FakeGraph.PHONE_ID);
        value.putArray("contacts").addObject().put("wa_id", from).putObject("profile").put("name", name);
        value.putArray("messages").add(message);
        return wrap(value);
    }

    /** A delivery status for a message Pincer sent; {@code errorCode} 0 for none. */
    public static String status(String wamid, String recipient, String status, int errorCode, String title) {
        ObjectNode value = value(FakeGraph.PHONE_ID);
        ObjectNode s = value.putArray("statuses").addObject().put("id", wamid).put("recipient_id", recipient)
                .put("status", status).put("timestamp", now());
        if (errorCode != 0) {
            s.putArray("errors").addObject().put("code", errorCode).put("title", title).put("message", title)
                    .putObject("error_data").put("details", title + " (details)");
        }
        return wrap(value);
    }

    public static ObjectNode value(String phoneNumberId) {
        ObjectNode value = Json.MAPPER.createObjectNode().put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", OWN_NUMBER).put("phone_number_id", phoneNumberId);
        return value;
    }

    public static String wrap(ObjectNode value) {
        ObjectNode root = Json.MAPPER.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode change = root.putArray("entry").addObject().put("id", "102290129340398").putArray("changes").addObject();
        change.set("value", value);
        change.put("field", "messages");
        return root.toString();
    }

    private static String now() {
        return String.valueOf(java.time.Instant.now().getEpochSecond());
    }

    /** The {@code X-Hub-Signature-256} header Meta would send with {@code body}. */
    public static String sign(String body) {
        return Signature.sign(FakeGraph.APP_SECRET, body.getBytes(StandardCharsets.UTF_8));
    }
}
