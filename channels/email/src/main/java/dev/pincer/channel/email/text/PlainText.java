package dev.pincer.channel.email.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reply written in Markdown as a plain-text mail: emphasis, strike-through and code marks taken
 * off, headings as their text, bullets as {@code - }, links as {@code text (address)}, code blocks
 * indented by four spaces. Nothing is escaped, because nothing in a plain-text mail is markup:
 * {@code <script>} and {@code &} arrive as written. Quote lines ({@code > }) stay, as mail uses them too.
 */
public final class PlainText {
    private PlainText() {}

    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~).*$");
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)(\\s+#+)?\\s*$");
    private static final Pattern BULLET = Pattern.compile("^(\\s*)[*+-]\\s+(.*)$");
    private static final Pattern RULE = Pattern.compile("^\\s{0,3}([-*_])(\\s*\\1){2,}\\s*$");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern ESCAPE = Pattern.compile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!~>|])");
    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern AUTOLINK = Pattern.compile("<((?:https?|mailto):[^>\\s]+)>");
    private static final List<Pattern> EMPHASIS = List.of(
            Pattern.compile("(?<![\\w*])\\*\\*(?=\\S)(.+?)(?<=\\S)\\*\\*(?![\\w*])"),
            Pattern.compile("(?<![\\w_])__(?=\\S)(.+?)(?<=\\S)__(?![\\w_])"),
            Pattern.compile("(?<![\\w*])\\*(?=[^\\s*])(.+?)(?<=[^\\s*])\\*(?![\\w*])"),
            Pattern.compile("(?<![\\w_])_(?=[^\\s_])(.+?)(?<=[^\\s_])_(?![\\w_])"),
            Pattern.compile("(?<!~)~~(?=\\S)(.+?)(?<=\\S)~~(?!~)"));
    /** Stands in for an escaped character while emphasis is taken off (a private-use code point). */
    private static final char HOLD = '\uE000';

    /** The plain text of {@code markdown}. */
    public static String fromMarkdown(String markdown) {
        List<String> out = new ArrayList<>();
        boolean code = false;
        for (String line : markdown.replace("\r\n", "\n").split("\n", -1)) {
            if (FENCE.matcher(line).matches()) {
                code = !code;
                continue;
            }
            if (code) {
                out.add(line.isEmpty() ? "" : "    " + line);
                continue;
            }
            Matcher h = HEADING.matcher(line);
            Matcher b = BULLET.matcher(line);
            if (RULE.matcher(line).matches()) {
                out.add("----------");
            } else if (h.matches()) {
                out.add(inline(h.group(1)));
            } else if (b.matches()) {
                out.add(b.group(1) + "- " + inline(b.group(2)));
            } else {
                out.add(inline(line));
            }
        }
        return String.join("\n", out).strip();
    }

    /** A line's inline marks taken off; code spans are kept as they are written. */
    static String inline(String line) {
        StringBuilder out = new StringBuilder();
        Matcher m = CODE_SPAN.matcher(line);
        int at = 0;
        while (m.find()) {
            out.append(marks(line.substring(at, m.start()))).append(m.group(2).strip());
            at = m.end();
        }
        return out.append(marks(line.substring(at))).toString();
    }

    private static String marks(String s) {
        List<String> held = new ArrayList<>();
        Matcher e = ESCAPE.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (e.find()) {
            held.add(e.group(1));
            e.appendReplacement(sb, String.valueOf(HOLD));
        }
        e.appendTail(sb);
        String t = LINK.matcher(sb).replaceAll(r -> Matcher.quoteReplacement(link(r.group(1), r.group(2))));
        t = AUTOLINK.matcher(t).replaceAll("$1");
        for (Pattern p : EMPHASIS) {
            t = p.matcher(t).replaceAll("$1");
        }
        StringBuilder restored = new StringBuilder();
        int k = 0;
        for (char c : t.toCharArray()) {
            restored.append(c == HOLD && k < held.size() ? held.get(k++) : String.valueOf(c));
        }
        return restored.toString();
    }

    private static String link(String text, String url) {
        String address = url.startsWith("mailto:") ? url.substring("mailto:".length()) : url;
        return text.isBlank() || text.equals(address) || text.equals(url) ? address : text + " (" + address + ")";
    }
}
