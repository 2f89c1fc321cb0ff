package dev.pincer.host.media;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Passes bytes on until more than {@code max} came; then throws {@link TooLarge} (whatever was written is discarded by the caller). */
public final class CappedOutput extends FilterOutputStream {

    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        private final long size;

        TooLarge(long size) {
            super("more than the limit");
            this.size = size;
        }

        /** At least this many bytes came. */
        public long size() {
            return size;
        }
    }

    private final long max;
    private long written;

    public CappedOutput(OutputStream out, long max) {
        super(out);
        this.max = max;
    }

    @Override
    public void write(int b) throws IOException {
        count(1);
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        count(len);
        out.write(b, off, len);
    }

    private void count(int n) throws TooLarge {
        written += n;
        if (written > max) {
            throw new TooLarge(written);
        }
    }
}
