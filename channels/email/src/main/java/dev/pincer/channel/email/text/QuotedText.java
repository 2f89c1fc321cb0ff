package dev.pincer.channel.email.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a person wrote in a reply, without what their mail program added: the quoted history (the
 * {@code >} lines after an attribution line such as {@code On Mon, 1 Jun 2026, Ann wrote:}, which
 * mail programs wrap over up to three lines and follow with quoted lines), everything after an Outlook
 * {@code -----Original Message-----} line, and the signature after a {@code "-- "} line.
 */
public final class QuotedText {
    private QuotedText() {}

    /** An attribution line: English, German or French, as the common mail programs write it. */
    private static final Pattern ATTRIBUTION = Pattern.compile(
            "^(On|Am|Le)\\s.*\\b(wrote|schrieb|a écrit)\\b.*:$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ORIGINAL = Pattern.compile("^-{2,}\\s*Original Message\\s*-{2,}$", Pattern.CASE_INSENSITIVE);
    private static final int ATTRIBUTION_LINES = 3;

    /** The reply's own text, without blank lines around it. */
    public static String strip(String text) {
        List<String> lines = List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
        List<String> out = new ArrayList<>();
        boolean quoting = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.equals("-- ") || line.equals("--") || ORIGINAL.matcher(line.strip()).matches()) {
                break;
            }
            int attribution = attributionLength(lines, i);
            if (attribution > 0) {
                quoting = true;
                i += attribution - 1;
                continue;
            }
            if (!(quoting && line.startsWith(">"))) {
                out.add(line);
            }
        }
        while (!out.isEmpty() && out.getLast().isBlank()) {
            out.removeLast();
        }
        while (!out.isEmpty() && out.getFirst().isBlank()) {
            out.removeFirst();
        }
        return String.join("\n", out);
    }

    /** How many lines from {@code i} make an attribution line (0: none starts there). */
    private static int attributionLength(List<String> lines, int i) {
        StringBuilder joined = new StringBuilder();
        for (int n = 0; n < ATTRIBUTION_LINES && i + n < lines.size(); n++) {
            String line = lines.get(i + n).strip();
            if (line.isEmpty() || line.startsWith(">")) {
                return 0;
            }
            joined.append(n == 0 ? "" : " ").append(line);
            if (ATTRIBUTION.matcher(joined).matches()) {
                return quoteFollows(lines, i + n + 1) ? n + 1 : 0;
            }
        }
        return 0;
    }

    /** Whether the next line that is not blank, from {@code i} on, is quoted. */
    private static boolean quoteFollows(List<String> lines, int i) {
        for (int k = i; k < lines.size(); k++) {
            if (!lines.get(k).isBlank()) {
                return lines.get(k).startsWith(">");
            }
        }
        return false;
    }
}
