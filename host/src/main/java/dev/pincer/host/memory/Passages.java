package dev.pincer.host.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * A text cut into passages of whole lines, the unit the index ranks: a passage ends at a blank line
 * or before a heading once it holds {@value #TARGET} characters, and always by {@value #MAX}; a
 * longer line is cut into pieces. Each passage knows its first line, so a hit can name its line.
 */
final class Passages {
    static final int TARGET = 800;
    static final int MAX = 3000;

    private Passages() {}

    /** @param line the number (from 1) of the passage's first line */
    record Passage(int line, String text) {}

    static List<Passage> of(String text) {
        List<Passage> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int first = 1;
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            boolean boundary = line.isBlank() || line.startsWith("#");
            if (current.length() >= MAX || current.length() >= TARGET && boundary || line.length() > MAX) {
                flush(out, first, current);
            }
            if (line.length() > MAX) {
                for (int at = 0; at < line.length(); at += MAX) {
                    current.append(line, at, Math.min(line.length(), at + MAX));
                    flush(out, n + 1, current);
                }
                continue;
            }
            if (current.isEmpty()) {
                first = n + 1;
            }
            current.append(line).append('\n');
        }
        flush(out, first, current);
        return out;
    }

    private static void flush(List<Passage> out, int first, StringBuilder current) {
        if (!current.toString().isBlank()) {
            out.add(new Passage(first, current.toString().stripTrailing()));
        }
        current.setLength(0);
    }
}
