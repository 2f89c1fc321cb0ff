package dev.pincer.channel.whatsapp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown as WhatsApp shows it: {@code *bold*}, {@code _italic_}, {@code ~strike~}, {@code ```code```}
 * and {@code `inline`}, {@code > quotes}, {@code - lists}. Headings become bold lines, links
 * {@code text (url)}. WhatsApp text is not HTML and has no escape character: {@code <}, {@code &} and
 * quotes are shown as they are; a marker only formats when it wraps a word, so {@code 2 * 3 * 4} or
 * {@code snake_case} stay as written; a Markdown-escaped {@code \*} becomes a plain {@code *}.
 * Code (fenced or inline) is kept exactly.
 */
final class WhatsAppFormat {
    private WhatsAppFormat() {}

    /** Stand-ins while converting (control characters, removed from the input first). */
    private static final char BOLD = '\u0001';
    private static final String ESCAPABLE = "*_~`\\[]()#>+-!";
    private static final char ESCAPED = '\u0002';

    private static final Pattern CODE = Pattern.compile("(?s)```[^\\n`]*\\n?(.*?)```|`[^`\\n]+`");
    private static final Pattern HEADING = Pattern.compile("(?m)^ {0,3}#{1,6}[ \\t]+(.+?)[ \\t#]*$");
    private static final Pattern BULLET = Pattern.compile("(?m)^([ \\t]*)[*+][ \\t]+");
    private static final Pattern BOLD_ITALIC = Pattern.compile("\\*\\*\\*(\\S(?:.*?\\S)?)\\*\\*\\*");
    private static final Pattern STRONG = Pattern.compile("\\*\\*(\\S(?:.*?\\S)?)\\*\\*|(?<!\\w)__(\\S(?:.*?\\S)?)__(?!\\w)");
    private static final Pattern EMPHASIS = Pattern.compile("(?<![\\w*])\\*(\\S(?:.*?\\S)?)\\*(?![\\w*])");
    private static final Pattern STRIKE = Pattern.compile("~~(\\S(?:.*?\\S)?)~~");
    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]\\n]*)]\\(([^)\\s]+)\\)");

    static String format(String markdown) {
        String text = markdown.replace(BOLD, ' ').replace(ESCAPED, ' ');
        StringBuilder out = new StringBuilder();
        Matcher code = CODE.matcher(text);
        int at = 0;
        while (code.find()) {
            out.append(prose(text.substring(at, code.start())));
            out.append(code.group(1) == null ? code.group() : "```" + code.group(1) + "```");
            at = code.end();
        }
        return out.append(prose(text.substring(at))).toString();
    }

    /** Text outside code. */
    private static String prose(String s) {
        StringBuilder escaped = new StringBuilder();
        StringBuilder literals = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && ESCAPABLE.indexOf(s.charAt(i + 1)) >= 0) {
                escaped.append(ESCAPED);
                literals.append(s.charAt(++i));
            } else {
                escaped.append(c);
            }
        }
        String t = HEADING.matcher(escaped).replaceAll(m -> Matcher.quoteReplacement(BOLD + m.group(1).replace("**", "") + BOLD));
        t = BULLET.matcher(t).replaceAll("$1- ");
        t = LINK.matcher(t).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1).isBlank() || m.group(1).equals(m.group(2)) ? m.group(2) : m.group(1) + " (" + m.group(2) + ")"));
        t = BOLD_ITALIC.matcher(t).replaceAll(m -> Matcher.quoteReplacement(BOLD + "_" + m.group(1) + "_" + BOLD));
        t = STRONG.matcher(t).replaceAll(m -> Matcher.quoteReplacement(BOLD + (m.group(1) != null ? m.group(1) : m.group(2)) + BOLD));
        t = EMPHASIS.matcher(t).replaceAll(m -> Matcher.quoteReplacement("_" + m.group(1) + "_"));
        t = STRIKE.matcher(t).replaceAll(m -> Matcher.quoteReplacement("~" + m.group(1) + "~"));
        t = t.replace(BOLD, '*');
        StringBuilder back = new StringBuilder();
        int next = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            back.append(c == ESCAPED ? literals.charAt(next++) : c);
        }
        return back.toString();
    }
}
