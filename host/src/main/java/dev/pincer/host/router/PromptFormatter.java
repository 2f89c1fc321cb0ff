package dev.pincer.host.router;

import dev.pincer.host.store.StoredMessage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Formats what the agent is asked: catch-up messages as
 * {@code <messages><message sender=".." time="ISO">text</message>...</messages>}, a due task as
 * {@code <scheduled_task id=".." time="ISO">prompt</scheduled_task>}.
 */
public final class PromptFormatter {
    private PromptFormatter() {}

    public static String format(List<StoredMessage> messages, ZoneId zone) {
        return format(messages, zone, Map.of());
    }

    /**
     * @param after what follows a message's text inside its element, by message id (its files as
     *              {@code <attachment>} elements, already escaped)
     */
    public static String format(List<StoredMessage> messages, ZoneId zone, Map<String, String> after) {
        StringBuilder sb = new StringBuilder("<messages>\n");
        for (StoredMessage m : messages) {
            sb.append("<message sender=\"").append(escape(m.sender().name()))
                    .append("\" time=\"").append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(m.time().atZone(zone)))
                    .append("\">").append(escape(m.text())).append(after.getOrDefault(m.id(), "")).append("</message>\n");
        }
        return sb.append("</messages>").toString();
    }

    /** What the agent is asked when scheduled task {@code taskId} is due at {@code now}. */
    public static String scheduledTask(String taskId, String prompt, Instant now, ZoneId zone) {
        return "<scheduled_task id=\"" + escape(taskId) + "\" time=\""
                + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now.atZone(zone))
                + "\">" + escape(prompt) + "</scheduled_task>\n"
                + "This is a scheduled task you set up earlier; your reply is sent to the chat.";
    }

    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
