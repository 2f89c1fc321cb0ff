package dev.pincer.agent.tools;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds Grep's answer in one of its output modes, like ripgrep prints it: {@code path:line:text}
 * for matching lines and {@code path-line-text} for context, {@code --} between separate groups
 * when context is on. {@code head_limit} and a character cap bound the answer.
 */
final class GrepOutput {
    static final int MAX_CHARS = 30_000;
    static final int MAX_LINE = 1000;

    enum Mode {
        CONTENT, FILES_WITH_MATCHES, COUNT;

        static Mode parse(String s) {
            return switch (s == null || s.isBlank() ? "files_with_matches" : s.strip()) {
                case "content" -> CONTENT;
                case "files_with_matches" -> FILES_WITH_MATCHES;
                case "count" -> COUNT;
                default -> throw new IllegalArgumentException(
                        "`output_mode` must be content, files_with_matches or count, got '" + s + "'");
            };
        }
    }

    /**
     * How the answer is laid out, as the tool's input asks.
     *
     * @param lineNumbers {@code -n}: line numbers in content mode
     * @param before      {@code -B} (or {@code -C}): context lines before each match
     * @param after       {@code -A} (or {@code -C}): context lines after each match
     * @param headLimit   the most lines or entries to show; 0 for no limit
     */
    record Format(Mode mode, boolean lineNumbers, int before, int after, int headLimit) {}

    private record Hit(FileTree.Entry file, int lines) {}

    private final Format format;
    private final List<Hit> hits = new ArrayList<>();
    private final StringBuilder content = new StringBuilder();
    private int contentLines;
    private boolean full;

    GrepOutput(Format format) {
        this.format = format;
    }

    /** Adds the matches of one file; returns false once the answer is full and the search can stop. */
    boolean add(FileTree.Entry file, TextFile text) {
        int matched = text.matched().cardinality();
        if (matched == 0) {
            return !full;
        }
        hits.add(new Hit(file, matched));
        if (format.mode() == Mode.CONTENT) {
            appendContent(file, text);
        }
        return !full;
    }

    private void appendContent(FileTree.Entry file, TextFile text) {
        boolean context = format.before() > 0 || format.after() > 0;
        if (context && contentLines > 0) {
            line("--");
        }
        int last = -1;
        for (int i = text.matched().nextSetBit(0); i >= 0 && !full; i = text.matched().nextSetBit(i + 1)) {
            int from = Math.max(0, i - format.before());
            int to = Math.min(text.lines().size() - 1, i + format.after());
            if (context && last >= 0 && from > last + 1) {
                line("--");
            }
            for (int j = Math.max(from, last + 1); j <= to && !full; j++) {
                char sep = text.matched().get(j) ? ':' : '-';
                String body = text.lines().get(j);
                if (body.length() > MAX_LINE) {
                    body = body.substring(0, MAX_LINE) + "... [line truncated]";
                }
                line(file.path() + (format.lineNumbers() ? sep + String.valueOf(j + 1) : "") + sep + body);
            }
            last = Math.max(last, to);
        }
    }

    private void line(String s) {
        if (format.headLimit() > 0 && contentLines >= format.headLimit() || content.length() + s.length() > MAX_CHARS) {
            full = true;
            return;
        }
        content.append(s).append('\n');
        contentLines++;
    }

    /** The answer; {@code notes} (skipped files...) go at its end. */
    String render(String notes) {
        StringBuilder out = new StringBuilder();
        switch (format.mode()) {
            case CONTENT -> {
                out.append(hits.isEmpty() ? "No matches found\n" : content);
                if (full) {
                    out.append("\n(Output cut: ").append(format.headLimit() > 0 && contentLines >= format.headLimit()
                            ? "head_limit " + format.headLimit() + " reached" : "over " + MAX_CHARS + " characters")
                            .append(". More matches exist; narrow the search or raise head_limit.)\n");
                }
            }
            case FILES_WITH_MATCHES -> {
                List<Hit> sorted = hits.stream().sorted(Comparator.comparingLong((Hit h) -> h.file().modifiedMillis())
                        .reversed().thenComparing(h -> h.file().relative())).toList();
                out.append(hits.isEmpty() ? "No files found\n" : "Found " + hits.size() + " file" + (hits.size() == 1 ? "" : "s")
                        + (limited(hits.size()) ? " (showing the " + format.headLimit() + " most recently modified)" : "") + "\n");
                entries(out, sorted.stream().map(h -> h.file().path().toString()).toList());
            }
            case COUNT -> {
                int total = hits.stream().mapToInt(Hit::lines).sum();
                entries(out, hits.stream().map(h -> h.file().path() + ":" + h.lines()).toList());
                out.append(hits.isEmpty() ? "No matches found\n" : "\nFound " + total + " matching line" + (total == 1 ? "" : "s")
                        + " in " + hits.size() + " file" + (hits.size() == 1 ? "" : "s")
                        + (limited(hits.size()) ? " (showing the first " + format.headLimit() + ")" : "") + ".\n");
            }
        }
        return (out + notes).stripTrailing();
    }

    private boolean limited(int entries) {
        return format.headLimit() > 0 && entries > format.headLimit();
    }

    private void entries(StringBuilder out, List<String> lines) {
        int shown = 0;
        for (String s : lines) {
            if (limited(shown + 1) || out.length() + s.length() > MAX_CHARS) {
                if (!limited(shown + 1)) {
                    out.append("(list cut at ").append(MAX_CHARS).append(" characters)\n");
                }
                break;
            }
            out.append(s).append('\n');
            shown++;
        }
    }
}
