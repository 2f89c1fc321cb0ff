package dev.pincer.channel.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reply written in Markdown, as Discord shows it. Discord's markdown is close to Markdown, so most
 * text passes unchanged (HTML such as {@code <script>} and {@code &} are shown as they are); what is
 * changed is only what Discord would read differently:
 * <ul>
 *   <li>{@code __bold__} is bold in Markdown but underlined on Discord: it becomes {@code **bold**};</li>
 *   <li>{@code ||} would hide text as a spoiler: it is escaped;</li>
 *   <li>{@code @everyone} and {@code @here} get a zero-width space, so they read as text (the channel
 *       also allows no mass mentions);</li>
 *   <li>a line starting {@code -# } would be shrunk to small print: its dash is escaped;</li>
 *   <li>headings deeper than {@code ###}, which Discord does not know, become bold lines;</li>
 *   <li>an image {@code ![alt](url)} becomes the link {@code [alt](url)}.</li>
 * </ul>
 * Code blocks and inline code are left exactly as written.
 */
final class DiscordMarkdown {
    private DiscordMarkdown() {}

    private static final String FENCE = "```";
    private static final Pattern DEEP_HEADING = Pattern.compile("^ {0,3}#{4,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern UNDERSCORE_BOLD = Pattern.compile("(?<![\\w\\\\])__(?=\\S)(.+?)(?<=\\S)__(?!\\w)");
    private static final Pattern MASS_MENTION = Pattern.compile("@(everyone|here)\\b");
    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]\\n]*)]\\(");

    static String format(String markdown) {
        List<String> out = new ArrayList<>();
        boolean inCode = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.strip().startsWith(FENCE)) {
                inCode = !inCode;
                out.add(line);
            } else {
                out.add(inCode ? line : line(line));
            }
        }
        return String.join("\n", out);
    }

    /** One line outside code blocks: the parts outside inline code are rewritten. */
    private static String line(String line) {
        Matcher h = DEEP_HEADING.matcher(line);
        if (h.matches() && !h.group(1).isEmpty()) {
            line = "**" + h.group(1) + "**";
        } else if (line.startsWith("-# ")) {
            line = "\\" + line;
        }
        StringBuilder out = new StringBuilder(line.length() + 8);
        int i = 0;
        while (i < line.length()) {
            int tick = line.indexOf('`', i);
            if (tick < 0) {
                out.append(text(line.substring(i)));
                break;
            }
            out.append(text(line.substring(i, tick)));
            int run = tick;
            while (run < line.length() && line.charAt(run) == '`') {
                run++;
            }
            String ticks = line.substring(tick, run);
            int close = line.indexOf(ticks, run);
            if (close < 0) {
                out.append(ticks);
                i = run;
            } else {
                out.append(line, tick, close + ticks.length());
                i = close + ticks.length();
            }
        }
        return out.toString();
    }

    /** Plain text between code spans. */
    private static String text(String s) {
        if (s.isEmpty()) {
            return s;
        }
        String t = UNDERSCORE_BOLD.matcher(s).replaceAll("**$1**");
        t = t.replace("||", "\\|\\|");
        t = MASS_MENTION.matcher(t).replaceAll("@\u200B$1");
        return IMAGE.matcher(t).replaceAll("[$1](");
    }
}
