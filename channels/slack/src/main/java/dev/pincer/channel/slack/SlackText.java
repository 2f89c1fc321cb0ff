package dev.pincer.channel.slack;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A received message's text as people read it: Slack writes mentions, channel links and links as
 * {@code <@U123>}, {@code <#C123|general>}, {@code <https://x|label>} and escapes {@code & < >};
 * this turns them back into {@code @Name}, {@code #general}, {@code label (https://x)} and plain
 * characters.
 */
final class SlackText {
    private SlackText() {}

    private static final Pattern MARKUP = Pattern.compile("<([^<>]+)>");

    /**
     * @param userName a user's display name by id (null when unknown: the id is shown)
     */
    static String plain(String text, UnaryOperator<String> userName) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        Matcher m = MARKUP.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(element(m.group(1), userName)));
        }
        m.appendTail(out);
        return unescape(out.toString());
    }

    private static String element(String inner, UnaryOperator<String> userName) {
        int bar = inner.indexOf('|');
        String target = bar < 0 ? inner : inner.substring(0, bar);
        String label = bar < 0 ? null : inner.substring(bar + 1);
        if (target.startsWith("@")) {
            String name = userName.apply(target.substring(1));
            return "@" + (name != null ? name : label != null ? label : target.substring(1));
        }
        if (target.startsWith("#")) {
            return "#" + (label != null && !label.isBlank() ? label : target.substring(1));
        }
        if (target.startsWith("!")) {
            // <!here>, <!channel>, <!subteam^S1|@team>, <!date^...|fallback>
            return label != null ? label : "@" + target.substring(1);
        }
        if (label == null || label.isBlank() || label.equals(target) || target.equals("mailto:" + label)) {
            return target.startsWith("mailto:") && label != null ? label : target;
        }
        return label + " (" + target + ")";
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
