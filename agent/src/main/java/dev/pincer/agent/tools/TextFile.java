package dev.pincer.agent.tools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file as Grep sees it: its lines (UTF-8, invalid bytes replaced, {@code \r\n} endings
 * stripped) and which of them a pattern matches. Binary files and files over
 * {@link #MAX_BYTES} are not read.
 */
record TextFile(List<String> lines, BitSet matched) {
    static final long MAX_BYTES = 10L * 1024 * 1024;
    static final int SNIFF_BYTES = 8192;

    /** Whether the first {@link #SNIFF_BYTES} bytes hold a NUL byte, the usual sign of a binary file. */
    static boolean isBinary(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(SNIFF_BYTES);
            for (byte b : head) {
                if (b == 0) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Reads {@code file} and marks the lines {@code pattern} matches; with {@code multiline} the
     * pattern runs over the whole text and a match marks every line it spans.
     */
    static TextFile search(Path file, Pattern pattern, boolean multiline) throws IOException {
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        List<String> lines = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            starts.add(start);
            lines.add(end > start && text.charAt(end - 1) == '\r' ? text.substring(start, end - 1) : text.substring(start, end));
            start = end + 1;
        }
        BitSet matched = new BitSet(lines.size());
        if (lines.isEmpty()) {
            return new TextFile(lines, matched);
        }
        if (multiline) {
            Matcher m = pattern.matcher(new Interruptible(text));
            while (m.find()) {
                int first = lineAt(starts, m.start());
                int last = lineAt(starts, Math.max(m.start(), m.end() - 1));
                matched.set(first, last + 1);
            }
        } else {
            Matcher m = pattern.matcher("");
            for (int i = 0; i < lines.size(); i++) {
                if (m.reset(new Interruptible(lines.get(i))).find()) {
                    matched.set(i);
                }
            }
        }
        return new TextFile(lines, matched);
    }

    private static int lineAt(List<Integer> starts, int offset) {
        int lo = 0;
        int hi = starts.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts.get(mid) <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return Math.max(0, lo);
    }

    /**
     * Text that stops a runaway regular expression (catastrophic backtracking) once the tool's
     * thread is interrupted: the matcher reads through {@link #charAt}, which checks now and then.
     */
    private static final class Interruptible implements CharSequence {
        private final CharSequence text;
        private int reads;

        Interruptible(CharSequence text) {
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0xFFFF) == 0 && Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("the search was stopped (it took too long; simplify the pattern)");
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Interruptible(text.subSequence(start, end));
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
