package dev.pincer.host.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * A person's or a model's search words as FTS5 queries that no character can break: every word and
 * every {@code "quoted phrase"} becomes an FTS5 string (its own quotes doubled), so {@code -},
 * {@code OR}, {@code NEAR}, {@code :}, {@code *}, {@code (} and an unclosed quote are just text. A
 * word ending in {@code *} is a prefix. Pieces without a letter or digit are dropped.
 *
 * @param terms the FTS5 strings, e.g. {@code "spare key"} or {@code "flower" *}
 */
public record SearchQuery(List<String> terms) {
    /** The longest query accepted, in characters. */
    public static final int MAX_LENGTH = 1000;
    /** At most this many words and phrases are used. */
    public static final int MAX_TERMS = 32;

    public SearchQuery {
        terms = List.copyOf(terms);
    }

    /** The query; {@link IllegalArgumentException} with a message for the caller when there is nothing to search for. */
    public static SearchQuery parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the query is empty: give a few words to search for");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the query is longer than " + MAX_LENGTH + " characters");
        }
        List<String> terms = new ArrayList<>();
        int i = 0;
        while (i < text.length() && terms.size() < MAX_TERMS) {
            char ch = text.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (ch == '"') {
                int end = text.indexOf('"', i + 1);
                end = end < 0 ? text.length() : end;
                add(terms, text.substring(i + 1, end), false);
                i = end + 1;
            } else {
                int end = i;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '"') {
                    end++;
                }
                String word = text.substring(i, end);
                boolean prefix = word.length() > 1 && word.endsWith("*");
                add(terms, prefix ? word.substring(0, word.length() - 1) : word, prefix);
                i = end;
            }
        }
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("the query has no words to search for (letters or digits)");
        }
        return new SearchQuery(terms);
    }

    private static void add(List<String> terms, String piece, boolean prefix) {
        String p = piece.strip();
        if (p.codePoints().noneMatch(Character::isLetterOrDigit)) {
            return;
        }
        terms.add('"' + p.replace("\"", "\"\"") + '"' + (prefix ? " *" : ""));
    }

    /** Passages with every word and phrase. */
    String allTerms() {
        return String.join(" ", terms);
    }

    /** Passages with any of them. */
    String anyTerm() {
        return String.join(" OR ", terms);
    }
}
