package dev.pincer.agent.skills;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small YAML frontmatter of a {@code SKILL.md}: a first line {@code ---}, then {@code key: value}
 * lines, then a closing {@code ---}; the rest is the body. Values may be quoted with {@code "} or
 * {@code '}; comments ({@code #}) and blank lines are skipped; anything richer (lists, nesting) is
 * not needed and is kept as plain text.
 *
 * @param fields the keys in file order, lower-cased; values unquoted and trimmed
 * @param body   the text after the closing {@code ---}, trimmed
 */
public record Frontmatter(Map<String, String> fields, String body) {

    public Frontmatter {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The value of {@code key}, or null. */
    public String get(String key) {
        return fields.get(key);
    }

    /**
     * Splits {@code text} into frontmatter and body. Text without a leading {@code ---} line has no
     * fields and is all body.
     *
     * @throws IllegalArgumentException when the frontmatter is opened but never closed, or a line is not {@code key: value}
     */
    public static Frontmatter parse(String text) {
        String normalized = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> lines = normalized.replace("\r\n", "\n").replace('\r', '\n').lines().toList();
        if (lines.isEmpty() || !lines.getFirst().strip().equals("---")) {
            return new Frontmatter(Map.of(), normalized.strip());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (trimmed.equals("---")) {
                String body = String.join("\n", lines.subList(i + 1, lines.size())).strip();
                return new Frontmatter(fields, body);
            }
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || Character.isWhitespace(line.charAt(0))) {
                throw new IllegalArgumentException("frontmatter line " + (i + 1) + " is not 'key: value': " + trimmed);
            }
            String key = line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
            fields.put(key, unquote(line.substring(colon + 1).strip()));
        }
        throw new IllegalArgumentException("the frontmatter starts with '---' but is never closed by another '---' line");
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            String inner = v.substring(1, v.length() - 1);
            return v.startsWith("'") ? inner.replace("''", "'") : inner.replace("\\\"", "\"").replace("\\\\", "\\");
        }
        int comment = v.indexOf(" #");
        return comment >= 0 ? v.substring(0, comment).strip() : v;
    }
}
