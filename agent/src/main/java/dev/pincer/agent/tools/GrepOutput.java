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

    private record Hit(FileTree.Entry file, int lines) {}

    private final Mode mode;
    private final boolean lineNumbers;
    private final int before;
    private final int after;
    private final int headLimit;
    private final List<Hit> hits = new ArrayList<>();
    private final StringBuilder content = new StringBuilder();
    private int contentLines;
    private boolean full;

    /** @param headLimit the most lines or entries to show; 0 for no limit */
    GrepOutput(Mode mode, boolean lineNumbers, int before, int after, int headLimit) {
        this.mode = mode;
        this.lineNumbers = lineNumbers;
        this.before = before;
        this.after = after;
        this.headLimit = headLimit;
    }

    /** Adds the matches of one file; returns false once the answer is full and the search can stop. */
    boolean add(FileTree.Entry file, TextFile text) {
        int matched = text.matched().cardinality();
        if (matched == 0) {
            return !full;
        }
        hits.add(new Hit(file, matched));
        if (mode == Mode.CONTENT) {
            appendContent(file, text);
        }
        return !full;
    }

    private void appendContent(FileTree.Entry file, TextFile text) {
        boolean context = before > 0 || after > 0;
        if (context && contentLines > 0) {
            line("--");
        }
        int last = -1;
        for (int i = text.matched().nextSetBit(0); i >= 0 && !full; i = text.matched().nextSetBit(i + 1)) {
            int from = Math.max(0, i - before);
            int to = Math.min(text.lines().size() - 1, i + after);
            if (context && last >= 0 && from > last + 1) {
                line("--");
            }
            for (int j = Math.max(from, last + 1); j <= to && !full; j++) {
                char sep = text.matched().get(j) ? ':' : '-';
                String body = text.lines().get(j);
                if (body.length() > MAX_LINE) {
                    body = body.substring(0, MAX_LINE) + "... [line truncated]";
                }
                line(file.path() + (lineNumbers ? sep + String.valueOf(j + 1) : "") + sep + body);
            }
            last = Math.max(last, to);
        }
    }

    private void line(String s) {
        if (headLimit > 0 && contentLines >= headLimit || content.length() + s.length() > MAX_CHARS) {
            full = true;
            return;
        }
        content.append(s).append('\n');
        contentLines++;
    }

    /** The answer; {@code notes} (skipped files...) go at its end. */
    String render(String notes) {
        StringBuilder out = new StringBuilder();
        switch (mode) {
            case CONTENT -> {
                out.append(hits.isEmpty() ? "No matches found\n" : content);
                if (full) {
                    out.append("\n(Output cut: ").append(headLimit > 0 && contentLines >= headLimit
                            ? "head_limit " + headLimit + " reached" : "over " + MAX_CHARS + " characters")
                            .append(". More matches exist; narrow the search or raise head_limit.)\n");
                }
            }
            case FILES_WITH_MATCHES -> {
                List<Hit> sorted = hits.stream().sorted(Comparator.comparingLong((Hit h) -> h.file().modifiedMillis())
                        .reversed().thenComparing(h -> h.file().relative())).toList();
                out.append(hits.isEmpty() ? "No files found\n" : "Found " + hits.size() + " file" + (hits.size() == 1 ? "" : "s")
                        + (limited(hits.size()) ? " (showing the " + headLimit + " most recently modified)" : "") + "\n");
                entries(out, sorted.stream().map(h -> h.file().path().toString()).toList());
            }
            case COUNT -> {
                int total = hits.stream().mapToInt(Hit::lines).sum();
                entries(out, hits.stream().map(h -> h.file().path() + ":" + h.lines()).toList());
                out.append(hits.isEmpty() ? "No matches found\n" : "\nFound " + total + " matching line" + (total == 1 ? "" : "s")
                        + " in " + hits.size() + " file" + (hits.size() == 1 ? "" : "s")
                        + (limited(hits.size()) ? " (showing the first " + headLimit + ")" : "") + ".\n");
            }
        }
        return (out + notes).stripTrailing();
    }

    private boolean limited(int entries) {
        return headLimit > 0 && entries > headLimit;
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
