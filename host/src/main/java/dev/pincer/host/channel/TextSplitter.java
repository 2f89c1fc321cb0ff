package dev.pincer.host.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Splits a reply that is too long for a platform into parts, each within the limit as the platform
 * measures it (after formatting): at a paragraph break when one is near, else at a line break,
 * else at a space; a code block that has to be cut is closed at the end of one part and opened
 * again at the start of the next.
 */
public final class TextSplitter {
    private TextSplitter() {}

    private static final String FENCE = "```";

    /**
     * @param max    the platform's limit
     * @param length how the platform measures a part (e.g. the length of its formatted text)
     */
    public static List<String> split(String text, int max, ToIntFunction<String> length) {
        if (length.applyAsInt(text) <= max) {
            return List.of(text);
        }
        List<String> parts = new ArrayList<>();
        String rest = text;
        String reopen = "";
        while (!rest.isEmpty()) {
            String candidate = reopen + rest;
            if (length.applyAsInt(candidate) <= max) {
                parts.add(candidate);
                break;
            }
            int cut = cutPoint(candidate, reopen.length(), max, length);
            String part = candidate.substring(0, cut);
            String fence = openFence(part);
            parts.add(fence == null ? part.stripTrailing() : part.stripTrailing() + "\n" + FENCE);
            reopen = fence == null ? "" : fence + "\n";
            rest = skipBoundary(candidate.substring(cut));
        }
        return parts;
    }

    /**
     * Where to cut {@code s}: the best boundary such that the part (with a closing fence if needed)
     * fits. Outside code: a paragraph break in the second half, else a line break or a space in the
     * last two thirds, else any paragraph or line break; only then inside a code block, at a line.
     */
    private static int cutPoint(String s, int minCut, int max, ToIntFunction<String> length) {
        int fit = longestFit(s, max, length);
        if (fit <= minCut) {
            fit = Math.min(s.length(), minCut + 1);
        }
        String head = s.substring(0, fit);
        int[][] tries = {{lastOutsideCode(head, "\n\n"), fit / 2}, {lastOutsideCode(head, "\n"), fit / 3},
                {lastOutsideCode(head, " "), fit / 3}, {lastOutsideCode(head, "\n\n"), minCut},
                {lastOutsideCode(head, "\n"), minCut}, {head.lastIndexOf('\n'), fit / 3}};
        for (int[] t : tries) {
            if (t[0] > t[1] && t[0] > minCut) {
                return t[0];
            }
        }
        return fit;
    }

    /** The longest prefix (in characters) that fits, leaving room for a closing fence. */
    private static int longestFit(String s, int max, ToIntFunction<String> length) {
        int lo = 1;
        int hi = s.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            String part = s.substring(0, mid);
            String closed = openFence(part) == null ? part : part + "\n" + FENCE;
            if (length.applyAsInt(closed) <= max) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static int lastOutsideCode(String head, String boundary) {
        for (int i = head.lastIndexOf(boundary); i > 0; i = head.lastIndexOf(boundary, i - 1)) {
            if (openFence(head.substring(0, i)) == null) {
                return i;
            }
        }
        return -1;
    }

    /** The opening line of a code block left open at the end of {@code s} (e.g. {@code ```java}), or null. */
    static String openFence(String s) {
        String open = null;
        for (String line : s.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith(FENCE)) {
                open = open == null ? t : null;
            }
        }
        return open;
    }

    /** The rest after a cut: without the line breaks, or the one space, the cut was made at. */
    private static String skipBoundary(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '\n') {
            i++;
        }
        return i == 0 && s.startsWith(" ") ? s.substring(1) : s.substring(i);
    }
}
