package dev.pincer.testkit;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * A response body that stalls: it passes {@code events} flushed events through (the fakes flush
 * after each event), then blocks every further write until its thread is interrupted, which
 * happens when the fake closes.
 */
final class StallingStream extends FilterOutputStream {
    private int eventsLeft;

    StallingStream(OutputStream out, int events) {
        super(out);
        this.eventsLeft = events;
    }

    @Override
    public void write(int b) throws IOException {
        stallIfDone();
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        stallIfDone();
        out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        stallIfDone();
        out.flush();
        eventsLeft--;
    }

    private void stallIfDone() throws IOException {
        if (eventsLeft > 0) {
            return;
        }
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the fake closed while the reply was stalled");
        }
    }
}
