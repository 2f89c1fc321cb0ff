package dev.pincer.host.channel;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * What {@link Channel#fetch} returns: a download that ends after {@code maxBytes + 1} bytes, so the
 * host can tell a file is larger than its cap without reading it all. Closing it closes the download.
 */
public final class CappedInput extends FilterInputStream {

    private long left;

    private CappedInput(InputStream in, long limit) {
        super(in);
        this.left = limit;
    }

    /** {@code in}, ending after {@code maxBytes + 1} bytes. */
    public static InputStream of(InputStream in, long maxBytes) {
        return new CappedInput(in, maxBytes == Long.MAX_VALUE ? maxBytes : maxBytes + 1);
    }

    @Override
    public int read() throws IOException {
        if (left <= 0) {
            return -1;
        }
        int b = super.read();
        if (b >= 0) {
            left--;
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (left <= 0) {
            return -1;
        }
        int n = super.read(buf, off, (int) Math.min(len, left));
        if (n > 0) {
            left -= n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, left));
        left -= skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(super.available(), left);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
