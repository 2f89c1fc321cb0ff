package dev.pincer.channel.whatsapp.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.host.channel.Inbound;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One webhook call's content: {@code entry[].changes[].value} with {@code messages[]} (what people
 * sent) and {@code statuses[]} (what became of the messages Pincer sent). Only changes for the
 * configured phone number id are read; another number of the same business account is not ours.
 */
public record Notification(List<Inbound> messages, List<Status> statuses) {

    private static final Logger log = LoggerFactory.getLogger(Notification.class);

    /**
     * What became of a sent message.
     *
     * @param messageId the wamid {@code send} returned
     * @param chatId    the chat it went to ({@code wa:<recipient>})
     * @param status    sent, delivered, read or failed
     * @param errors    why it failed (empty otherwise)
     */
    public record Status(String messageId, String chatId, String status, Instant time, List<Problem> errors) {
        public boolean failed() {
            return "failed".equals(status);
        }
    }

    /** One error of a failed status. */
    public record Problem(int code, String title, String details) {
        public String shown() {
            String d = details == null || details.isBlank() || details.equals(title) ? "" : ": " + details;
            return "error " + code + " (" + title + d + ")";
        }
    }

    /**
     * Reads a webhook body (already known to be signed by Meta).
     *
     * @param phoneNumberId only changes for this phone number are read
     * @throws IOException when it is not JSON
     */
    public static Notification parse(byte[] body, String phoneNumberId) throws IOException {
        JsonNode root = Json.MAPPER.readTree(body);
        if (root == null || !root.isObject()) {
            throw new IOException("the webhook body is not a JSON object");
        }
        List<Inbound> messages = new ArrayList<>();
        List<Status> statuses = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                String forNumber = value.path("metadata").path("phone_number_id").asText("");
                if (!"messages".equals(change.path("field").asText("messages"))) {
                    log.debug("whatsapp: ignoring a change of field {}", change.path("field").asText());
                } else if (!forNumber.equals(phoneNumberId)) {
                    log.debug("whatsapp: ignoring a change for phone number id {}", forNumber);
                } else {
                    String ownNumber = digits(value.path("metadata").path("display_phone_number").asText(""));
                    for (JsonNode m : value.path("messages")) {
                        Messages.inbound(m, contactName(value, m.path("from").asText("")), ownNumber).ifPresent(messages::add);
                    }
                    for (JsonNode s : value.path("statuses")) {
                        statuses.add(status(s));
                    }
                }
            }
        }
        return new Notification(List.copyOf(messages), List.copyOf(statuses));
    }

    private static Status status(JsonNode s) {
        List<Problem> problems = new ArrayList<>();
        for (JsonNode e : s.path("errors")) {
            problems.add(new Problem(e.path("code").asInt(0), e.path("title").asText(e.path("message").asText("")),
                    e.path("error_data").path("details").asText(e.path("message").asText(""))));
        }
        return new Status(s.path("id").asText(""), "wa:" + digits(s.path("recipient_id").asText("")),
                s.path("status").asText(""), Messages.time(s), List.copyOf(problems));
    }

    /** The sender's profile name, from the {@code contacts[]} of the same change. */
    private static String contactName(JsonNode value, String waId) {
        for (JsonNode c : value.path("contacts")) {
            if (waId.equals(c.path("wa_id").asText())) {
                return c.path("profile").path("name").asText(null);
            }
        }
        return null;
    }

    static String digits(String phone) {
        return phone.replaceAll("\\D", "");
    }
}
