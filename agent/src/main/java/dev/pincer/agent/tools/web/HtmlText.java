package dev.pincer.agent.tools.web;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML to readable markdown-ish text, small and forgiving: scripts, styles, navigation and other
 * chrome are dropped; headings become {@code #} lines, links {@code [text](url)} (resolved against
 * the page), list items {@code - }, {@code pre} blocks fenced, inline code in backticks; entities
 * are decoded and whitespace collapsed outside {@code pre}.
 */
public final class HtmlText {
    private HtmlText() {}

    private static final Pattern DROPPED = Pattern.compile(
            "<!--.*?-->|<(script|style|nav|noscript|svg|template|iframe|head|footer|form)\\b[^>]*>.*?</\\1\\s*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TITLE = Pattern.compile("<title\\b[^>]*>(.*?)</title\\s*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|<![^>]*>");
    private static final Pattern HREF = Pattern.compile("\\bhref\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|([^\\s>]+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("mdash", "\u2014"), Map.entry("ndash", "\u2013"),
            Map.entry("hellip", "\u2026"), Map.entry("copy", "\u00a9"), Map.entry("reg", "\u00ae"),
            Map.entry("trade", "\u2122"), Map.entry("lsquo", "\u2018"), Map.entry("rsquo", "\u2019"),
            Map.entry("ldquo", "\u201c"), Map.entry("rdquo", "\u201d"), Map.entry("laquo", "\u00ab"),
            Map.entry("raquo", "\u00bb"), Map.entry("middot", "\u00b7"), Map.entry("bull", "\u2022"),
            Map.entry("euro", "\u20ac"), Map.entry("times", "\u00d7"));

    /** The readable text of {@code html}; {@code base} resolves relative links (may be null). */
    public static String convert(String html, URI base) {
        String title = null;
        Matcher t = TITLE.matcher(html);
        if (t.find()) {
            title = collapse(decode(t.group(1))).strip();
        }
        String body = DROPPED.matcher(html).replaceAll(" ");
        StringBuilder out = new StringBuilder();
        if (title != null && !title.isEmpty()) {
            out.append("# ").append(title).append("\n\n");
        }
        Deque<String> links = new ArrayDeque<>();
        int pre = 0;
        int last = 0;
        Matcher m = TAG.matcher(body);
        while (m.find()) {
            String text = decode(body.substring(last, m.start()));
            out.append(pre > 0 ? text : collapse(text));
            last = m.end();
            if (m.group(2) == null) {
                continue; // doctype or similar
            }
            boolean close = !m.group(1).isEmpty();
            String name = m.group(2).toLowerCase(Locale.ROOT);
            switch (name) {
                case "h1", "h2", "h3", "h4", "h5", "h6" -> out.append(close ? "\n\n"
                        : "\n\n" + "#".repeat(name.charAt(1) - '0') + " ");
                case "p", "div", "section", "article", "main", "header", "table", "ul", "ol", "blockquote", "dl" ->
                        out.append("\n\n");
                case "br", "tr", "hr" -> out.append("\n");
                case "li" -> out.append(close ? "" : "\n- ");
                case "td", "th" -> out.append(close ? " | " : "");
                case "pre" -> {
                    pre += close ? -1 : 1;
                    pre = Math.max(pre, 0);
                    out.append(close ? "\n```\n\n" : "\n\n```\n");
                }
                case "code" -> out.append(pre > 0 ? "" : "`");
                case "strong", "b" -> out.append("**");
                case "a" -> {
                    if (!close) {
                        Matcher h = HREF.matcher(m.group(3));
                        String href = h.find() ? firstNonNull(h.group(2), h.group(3), h.group(4)) : null;
                        links.push(href == null ? "" : resolve(base, decode(href)));
                        out.append('[');
                    } else if (!links.isEmpty()) {
                        String href = links.pop();
                        out.append(href.isEmpty() ? "]" : "](" + href + ")");
                    }
                }
                default -> { }
            }
        }
        out.append(collapse(decode(body.substring(last))));
        return tidy(out.toString());
    }

    /** Decodes character references; unknown named ones stay as they are. */
    public static String decode(String s) {
        return s.indexOf('&') < 0 ? s : ENTITY.matcher(s).replaceAll(m -> Matcher.quoteReplacement(reference(m)));
    }

    /** What the character reference {@code m} stands for. */
    private static String reference(MatchResult m) {
        String e = m.group(1);
        if (e.startsWith("#x") || e.startsWith("#X")) {
            return codePoint(Integer.parseInt(e.substring(2), 16));
        } else if (e.startsWith("#")) {
            return codePoint(Integer.parseInt(e.substring(1)));
        }
        return NAMED.getOrDefault(e, m.group());
    }

    private static String codePoint(int cp) {
        return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : "\ufffd";
    }

    private static String collapse(String s) {
        return s.replaceAll("[\\s\\u00a0]+", " ");
    }

    private static String tidy(String s) {
        return s.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n")
                .replaceAll("\\[\\s*]\\([^)]*\\)", "").strip();
    }

    private static String resolve(URI base, String href) {
        try {
            return base == null ? href : base.resolve(href.strip()).toString();
        } catch (IllegalArgumentException e) {
            return href;
        }
    }

    private static String firstNonNull(String... s) {
        for (String v : s) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
