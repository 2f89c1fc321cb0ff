package dev.pincer.channel.email.text;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTML mail body as plain text: blocks and {@code <br>} become line breaks, list items
 * {@code - } lines, a {@code <blockquote>} {@code >} lines (so {@link QuotedText} can take quoted
 * history off), a link's address follows its text; scripts, styles and comments are dropped and
 * character references decoded. Not a browser: good enough for what people write in mails.
 */
public final class HtmlText {
    private HtmlText() {}

    private static final Pattern TOKEN = Pattern.compile("(?s)<!--.*?-->|<![^>]*>|<[^>]*>|[^<]+|<");
    private static final Pattern TAG = Pattern.compile("(?s)<(/?)([a-zA-Z][a-zA-Z0-9]*)(.*?)/?>");
    private static final Pattern HREF = Pattern.compile("(?is)\\bhref\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|([^\\s>]+))");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Set<String> HIDDEN = Set.of("script", "style", "head", "title", "template");
    private static final Set<String> BLOCKS = Set.of("p", "div", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
            "table", "pre", "hr", "section", "article", "header", "footer", "dl", "dt", "dd");
    private static final Map<String, String> NAMED = Map.ofEntries(Map.entry("amp", "&"), Map.entry("lt", "<"),
            Map.entry("gt", ">"), Map.entry("quot", "\""), Map.entry("apos", "'"), Map.entry("nbsp", "\u00A0"),
            Map.entry("mdash", "—"), Map.entry("ndash", "–"), Map.entry("hellip", "…"), Map.entry("rsquo", "’"),
            Map.entry("lsquo", "‘"), Map.entry("ldquo", "“"), Map.entry("rdquo", "”"), Map.entry("copy", "©"),
            Map.entry("euro", "€"), Map.entry("bull", "•"), Map.entry("middot", "·"));

    /** The text of {@code html}. */
    public static String toPlain(String html) {
        Writer w = new Writer();
        String hidden = null;
        String href = null;
        int linkStart = 0;
        Matcher m = TOKEN.matcher(html);
        while (m.find()) {
            String token = m.group();
            Matcher tag = TAG.matcher(token);
            if (!tag.matches()) {
                if (hidden == null && !token.startsWith("<!")) {
                    w.text(decode(token));
                }
                continue;
            }
            boolean closing = !tag.group(1).isEmpty();
            String name = tag.group(2).toLowerCase(Locale.ROOT);
            if (hidden != null) {
                hidden = closing && name.equals(hidden) ? null : hidden;
                continue;
            }
            if (HIDDEN.contains(name) && !closing && !token.endsWith("/>")) {
                hidden = name;
            } else if (name.equals("br")) {
                w.lineBreak();
            } else if (name.equals("li") && !closing) {
                w.newLine();
                w.text("- ");
            } else if (name.equals("blockquote")) {
                w.block();
                w.quote += closing ? (w.quote > 0 ? -1 : 0) : 1;
            } else if (BLOCKS.contains(name)) {
                w.block();
            } else if ((name.equals("td") || name.equals("th")) && closing) {
                w.text(" ");
            } else if (name.equals("a")) {
                if (!closing) {
                    Matcher h = HREF.matcher(tag.group(3));
                    href = h.find() ? decode(firstNonNull(h.group(2), h.group(3), h.group(4))) : null;
                    linkStart = w.length();
                } else if (href != null) {
                    String text = w.since(linkStart).strip();
                    String shown = href.startsWith("mailto:") ? href.substring("mailto:".length()) : href;
                    if (!text.equals(shown) && (href.startsWith("http") || href.startsWith("mailto:"))) {
                        w.text(" (" + shown + ")");
                    }
                    href = null;
                }
            }
        }
        return w.result();
    }

    /** Decodes character references; an unknown one stays as it is. */
    static String decode(String s) {
        return s.indexOf('&') < 0 ? s : ENTITY.matcher(s).replaceAll(m -> Matcher.quoteReplacement(reference(m)));
    }

    /** What the character reference {@code m} stands for. */
    private static String reference(MatchResult m) {
        String e = m.group(1);
        if (e.startsWith("#")) {
            int cp = e.length() > 1 && (e.charAt(1) == 'x' || e.charAt(1) == 'X')
                    ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1));
            return Character.isValidCodePoint(cp) && cp != 0 ? Character.toString(cp) : "\uFFFD";
        }
        return NAMED.getOrDefault(e, m.group());
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return "";
    }

    /** Collects text: whitespace collapsed, lines prefixed with {@code > } inside quotes. */
    private static final class Writer {
        private final StringBuilder out = new StringBuilder();
        private int quote;
        private boolean lineStart = true;

        void text(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c) && c != '\u00A0') {
                    if (!lineStart && out.charAt(out.length() - 1) != ' ') {
                        out.append(' ');
                    }
                } else {
                    if (lineStart) {
                        out.append("> ".repeat(quote));
                        lineStart = false;
                    }
                    out.append(c == '\u00A0' ? ' ' : c);
                }
            }
        }

        void lineBreak() {
            trimSpace();
            out.append('\n');
            lineStart = true;
        }

        /** Starts a new line unless at the start of one. */
        void newLine() {
            if (!lineStart) {
                lineBreak();
            }
        }

        /** A block boundary: at most one empty line between blocks. */
        void block() {
            if (out.isEmpty()) {
                return;
            }
            if (!lineStart) {
                lineBreak();
            }
            if (out.length() < 2 || out.charAt(out.length() - 2) != '\n') {
                lineBreak();
            }
        }

        int length() {
            return out.length();
        }

        String since(int start) {
            return out.substring(Math.min(start, out.length()));
        }

        private void trimSpace() {
            while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
                out.setLength(out.length() - 1);
            }
        }

        String result() {
            return out.toString().replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
        }
    }
}
