package dev.pincer.agent.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Collects a process's output up to a limit: the beginning and the end are kept, the middle is
 * replaced by a note saying how much was cut. Reading continues to the end so the process never
 * blocks on a full pipe. Thread-safe: one thread reads, another may take a snapshot.
 */
final class CappedOutput {
    private final int headLimit;
    private final int tailLimit;
    private final StringBuilder head = new StringBuilder();
    private final StringBuilder tail = new StringBuilder();
    private long total;

    CappedOutput(int limit) {
        this.headLimit = limit * 2 / 3;
        this.tailLimit = limit - headLimit;
    }

    /** Reads {@code in} as UTF-8 until end of stream or an I/O error. */
    void readFrom(InputStream in) {
        char[] buf = new char[8192];
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            int n;
            while ((n = r.read(buf)) >= 0) {
                append(buf, n);
            }
        } catch (IOException e) {
            // the process was killed or the stream closed: keep what arrived
        }
    }

    synchronized void append(char[] chars, int length) {
        total += length;
        int off = 0;
        if (head.length() < headLimit) {
            int take = Math.min(length, headLimit - head.length());
            head.append(chars, 0, take);
            off = take;
        }
        if (off < length) {
            tail.append(chars, off, length - off);
            if (tail.length() > 2 * tailLimit) {
                tail.delete(0, tail.length() - tailLimit);
            }
        }
    }

    /** The output, cut in the middle with a note when it was over the limit. */
    @Override
    public synchronized String toString() {
        long cut = total - head.length() - Math.min(tail.length(), tailLimit);
        if (cut <= 0) {
            return head.toString() + tail;
        }
        String end = tail.substring(Math.max(0, tail.length() - tailLimit));
        return head + "\n\n... [output truncated: " + cut + " characters omitted] ...\n\n" + end;
    }
}
