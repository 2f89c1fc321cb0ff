package dev.pincer.channel.telegram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Telegram's side of {@code parse_mode=HTML}, for the fake: the tags Telegram knows, properly nested,
 * and only the entities {@code &lt; &gt; &amp; &quot;} and numeric ones; anything else is refused
 * with a message like Telegram's. Returns the text a reader sees (what Telegram's length limit counts).
 */
public final class HtmlEntities {
    private HtmlEntities() {}

    private static final Set<String> TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span",
            "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot|#\\d{1,7}|#x[0-9a-fA-F]{1,6});");
    private static final Pattern TAG_NAME = Pattern.compile("/?([a-zA-Z][a-zA-Z-]*)(\\s[^>]*)?");

    public static String visibleText(String html) {
        StringBuilder out = new StringBuilder();
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i);
                Matcher m = end < 0 ? null : TAG_NAME.matcher(html.substring(i + 1, end));
                if (m == null || !m.matches()) {
                    throw new IllegalArgumentException("Unsupported start tag at byte offset " + i);
                }
                String name = m.group(1).toLowerCase(Locale.ROOT);
                if (!TAGS.contains(name)) {
                    throw new IllegalArgumentException("Unsupported start tag \"" + name + "\" at byte offset " + i);
                }
                if (html.charAt(i + 1) == '/') {
                    if (open.isEmpty() || !open.pop().equals(name)) {
                        throw new IllegalArgumentException("Unexpected end tag at byte offset " + i);
                    }
                } else {
                    open.push(name);
                }
                i = end + 1;
            } else if (c == '&') {
                Matcher m = ENTITY.matcher(html);
                m.region(i, html.length());
                if (!m.lookingAt()) {
                    throw new IllegalArgumentException("Unsupported entity at byte offset " + i);
                }
                out.append(switch (m.group(1)) {
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "amp" -> "&";
                    case "quot" -> "\"";
                    default -> new String(Character.toChars(m.group(1).startsWith("#x")
                            ? Integer.parseInt(m.group(1).substring(2), 16) : Integer.parseInt(m.group(1).substring(1))));
                });
                i = m.end();
            } else if (c == '>') {
                throw new IllegalArgumentException("Unexpected '>' at byte offset " + i);
            } else {
                out.append(c);
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalArgumentException("Can't find end tag corresponding to start tag \"" + open.peek() + "\"");
        }
        return out.toString();
    }
}
