package dev.pincer.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Plain-text tables and the few formats the commands share. */
final class Table {
    private Table() {}

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** Prints {@code rows} (the first is the header) in aligned columns; the last column is not padded. */
    static void print(PrintWriter out, List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] width = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                b.append(i == columns - 1 ? row.get(i) : String.format("%-" + width[i] + "s  ", row.get(i)));
            }
            out.println(b.toString().stripTrailing());
        }
        out.flush();
    }

    static String time(Instant t, ZoneId zone) {
        return t == null ? "-" : TIME.format(t.atZone(zone));
    }

    /** One line of at most {@code width} characters. */
    static String shorten(String text, int width) {
        String line = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return line.length() <= width ? line : line.substring(0, width - 1) + "…";
    }
}
