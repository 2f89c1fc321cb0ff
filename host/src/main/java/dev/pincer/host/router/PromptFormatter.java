package dev.pincer.host.router;

import dev.pincer.host.store.StoredMessage;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Formats catch-up messages as {@code <messages><message sender=".." time="ISO">text</message>...</messages>}. */
public final class PromptFormatter {
    private PromptFormatter() {}

    public static String format(List<StoredMessage> messages, ZoneId zone) {
        StringBuilder sb = new StringBuilder("<messages>\n");
        for (StoredMessage m : messages) {
            sb.append("<message sender=\"").append(escape(m.sender().name()))
                    .append("\" time=\"").append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(m.time().atZone(zone)))
                    .append("\">").append(escape(m.text())).append("</message>\n");
        }
        return sb.append("</messages>").toString();
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
