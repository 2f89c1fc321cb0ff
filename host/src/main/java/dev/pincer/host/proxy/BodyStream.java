package dev.pincer.host.proxy;

import java.io.IOException;
import java.io.InputStream;

/** The request body: exactly {@code length} bytes of the connection, counted. */
final class BodyStream extends ArrayInputStream {
    private final InputStream in;
    private final long length;
    private long read;
    private volatile boolean truncated;

    BodyStream(InputStream in, long length) {
        this.in = in;
        this.length = length;
    }

    long bytesRead() {
        return read;
    }

    /** Whether the client closed before sending the declared length. */
    boolean truncated() {
        return truncated;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (read >= length) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, length - read));
        if (n < 0) {
            truncated = true;
            throw new IOException("the client closed the connection after " + read + " of " + length + " body bytes");
        }
        read += n;
        return n;
    }

    /** Reads and drops what is left of the body (so a refusal is not answered by a reset). */
    void discardRest() throws IOException {
        byte[] buf = new byte[8192];
        while (read(buf, 0, buf.length) >= 0) {
            // drop
        }
    }
}
