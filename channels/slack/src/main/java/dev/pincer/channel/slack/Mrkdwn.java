package dev.pincer.channel.slack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown as the assistant writes it, turned into Slack's mrkdwn: {@code **bold**} becomes
 * {@code *bold*}, {@code *italic*} {@code _italic_}, {@code ~~struck~~} {@code ~struck~},
 * {@code [text](url)} {@code <url|text>}, headings bold lines, list items bullets; code stays code.
 * {@code &}, {@code <} and {@code >} are escaped everywhere, so nothing in a reply becomes a Slack
 * control sequence (no {@code <!channel>} pings, no {@code <@U..>} mentions, no hidden links).
 */
final class Mrkdwn {
    private Mrkdwn() {}

    private static final String FENCE = "```";
    /** Spans left as they are (but escaped): inline code, Markdown links, bare links. */
    private static final Pattern PROTECTED = Pattern.compile(
            "`[^`\\n]+`|\\[([^\\]\\n]+)]\\(((?:https?://|mailto:)[^)\\s]+)\\)|(?:https?://|mailto:)[^\\s<>]+");
    private static final Pattern EMPHASIS = Pattern.compile(
            "\\*\\*(?=\\S)(.+?)(?<=\\S)\\*\\*|__(?=\\S)(.+?)(?<=\\S)__|~~(?=\\S)(.+?)(?<=\\S)~~"
                    + "|(?<![\\w*])\\*(?=[^\\s*])(.+?)(?<=[^\\s*])\\*(?![\\w*])");
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern BULLET = Pattern.compile("^(\\s*)[-*+]\\s+(.*)$");

    /** The reply in mrkdwn. */
    static String format(String markdown) {
        StringBuilder out = new StringBuilder();
        boolean inCode = false;
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String t = line.strip();
            if (i > 0) {
                out.append('\n');
            }
            if (t.startsWith(FENCE)) {
                if (!inCode && t.length() > 2 * FENCE.length() && t.endsWith(FENCE)) {
                    out.append(FENCE).append(escape(t.substring(3, t.length() - 3))).append(FENCE); // a one-line block
                } else {
                    out.append(FENCE); // an opening fence loses its language tag: Slack would show it as code
                    inCode = !inCode;
                }
            } else {
                out.append(inCode ? escape(line) : line(line));
            }
        }
        return out.toString();
    }

    /** {@code &}, {@code <} and {@code >} as Slack wants them in text. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String line(String line) {
        Matcher h = HEADING.matcher(line);
        if (h.matches()) {
            return "*" + inline(h.group(1)) + "*";
        }
        Matcher b = BULLET.matcher(line);
        if (b.matches() && !b.group(2).isBlank()) {
            return b.group(1) + "• " + inline(b.group(2));
        }
        return inline(line);
    }

    private static String inline(String text) {
        StringBuilder out = new StringBuilder();
        Matcher m = PROTECTED.matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(emphasis(escape(text.substring(last, m.start()))));
            if (m.group(2) != null) {
                out.append('<').append(escape(m.group(2))).append('|').append(escape(m.group(1)).replace("|", "¦")).append('>');
            } else {
                out.append(escape(m.group()));
            }
            last = m.end();
        }
        return out.append(emphasis(escape(text.substring(last)))).toString();
    }

    private static String emphasis(String text) {
        Matcher m = EMPHASIS.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) != null || m.group(2) != null) {
                replacement = "*" + (m.group(1) != null ? m.group(1) : m.group(2)) + "*";
            } else if (m.group(3) != null) {
                replacement = "~" + m.group(3) + "~";
            } else {
                replacement = "_" + m.group(4) + "_";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
