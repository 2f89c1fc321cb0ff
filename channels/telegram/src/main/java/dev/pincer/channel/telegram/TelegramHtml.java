package dev.pincer.channel.telegram;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Replies written in Markdown as Telegram HTML ({@code parse_mode=HTML}). Everything that is not
 * markup is escaped ({@code & < >}), so text such as {@code <script>} or {@code a && b} arrives as
 * written. The subset: {@code **bold**}, {@code *italic*} and {@code _italic_}, {@code `code`},
 * {@code ```} fences (as {@code <pre><code>}), {@code [text](url)} links and {@code #} headings
 * (bold). A marker without its partner stays as it is; {@code _} inside a word ({@code snake_case})
 * is not italic.
 */
final class TelegramHtml {
    private TelegramHtml() {}

    private static final Pattern FENCE = Pattern.compile("(?m)^[ \\t]*```[ \\t]*([\\w+#.-]*)[ \\t]*$");
    private static final Pattern HEADING = Pattern.compile("#{1,6}[ \\t]+(.+?)(?:[ \\t]+#+)?[ \\t]*");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]\\n]+)]\\(((?:https?|tg|mailto):[^()\\s]+)\\)");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    /** The HTML for {@code markdown}. */
    static String format(String markdown) {
        StringBuilder out = new StringBuilder(markdown.length() + 32);
        Matcher open = FENCE.matcher(markdown);
        int at = 0;
        while (open.find(at)) {
            Matcher close = FENCE.matcher(markdown);
            int bodyStart = Math.min(markdown.length(), open.end() + 1);
            if (!close.find(bodyStart) || !close.group(1).isEmpty()) {
                break; // an unclosed fence is left as text
            }
            lines(markdown.substring(at, open.start()), out);
            String code = markdown.substring(bodyStart, Math.max(bodyStart, close.start() - 1));
            String lang = open.group(1);
            out.append(lang.isEmpty() ? "<pre><code>" : "<pre><code class=\"language-" + escape(lang) + "\">")
                    .append(escape(code)).append("</code></pre>");
            at = close.end();
        }
        lines(markdown.substring(at), out);
        return out.toString();
    }

    /** The text a reader sees in {@code html} (tags removed, entities decoded): what is sent when HTML is refused. */
    static String plain(String html) {
        return TAG.matcher(html).replaceAll("").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&");
    }

    /** Escapes text for Telegram HTML: {@code &}, {@code <} and {@code >}. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void lines(String text, StringBuilder out) {
        out.append(Arrays.stream(text.split("\n", -1)).map(TelegramHtml::line).collect(Collectors.joining("\n")));
    }

    /** One line outside code blocks: a heading as a bold line, anything else with its inline markup. */
    private static String line(String line) {
        Matcher h = HEADING.matcher(line);
        return h.matches() ? "<b>" + inline(h.group(1)) + "</b>" : inline(line);
    }

    /** One line's inline markup. */
    static String inline(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int end;
            if (c == '`' && (end = s.indexOf('`', i + 1)) > i + 1) {
                out.append("<code>").append(escape(s.substring(i + 1, end))).append("</code>");
                i = end + 1;
            } else if (s.startsWith("**", i) && (end = closing(s, "**", i + 2)) > 0) {
                out.append("<b>").append(inline(s.substring(i + 2, end))).append("</b>");
                i = end + 2;
            } else if (s.startsWith("**", i)) {
                out.append("**");
                i += 2;
            } else if ((c == '*' || c == '_') && opens(s, i) && (end = closing(s, String.valueOf(c), i + 1)) > 0) {
                out.append("<i>").append(inline(s.substring(i + 1, end))).append("</i>");
                i = end + 1;
            } else if (c == '[' && (end = link(s, i, out)) > 0) {
                i = end;
            } else {
                out.append(escape(String.valueOf(c)));
                i++;
            }
        }
        return out.toString();
    }

    /** Appends the link at {@code i} and returns where it ends; -1 when there is none. */
    private static int link(String s, int i, StringBuilder out) {
        Matcher m = LINK.matcher(s);
        m.region(i, s.length());
        if (!m.lookingAt()) {
            return -1;
        }
        out.append("<a href=\"").append(escape(m.group(2)).replace("\"", "&quot;")).append("\">")
                .append(inline(m.group(1))).append("</a>");
        return m.end();
    }

    /** An emphasis marker opens before a non-space, and {@code _} only at the start of a word. */
    private static boolean opens(String s, int i) {
        if (i + 1 >= s.length() || Character.isWhitespace(s.charAt(i + 1))) {
            return false;
        }
        return s.charAt(i) != '_' || i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1));
    }

    /** Where {@code marker} closes after {@code from}: after a non-space, and {@code _} only at the end of a word; or -1. */
    private static int closing(String s, String marker, int from) {
        for (int j = s.indexOf(marker, from + 1); j > 0; j = s.indexOf(marker, j + 1)) {
            boolean afterText = !Character.isWhitespace(s.charAt(j - 1));
            int next = j + marker.length();
            boolean wordEnd = !marker.equals("_") || next >= s.length() || !Character.isLetterOrDigit(s.charAt(next));
            boolean notBold = !marker.equals("*") || (next >= s.length() || s.charAt(next) != '*') && s.charAt(j - 1) != '*';
            if (afterText && wordEnd && notBold) {
                return j;
            }
        }
        return -1;
    }
}
