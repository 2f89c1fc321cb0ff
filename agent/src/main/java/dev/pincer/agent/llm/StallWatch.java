package dev.pincer.agent.llm;

import dev.pincer.agent.Log;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Watches one response body: when no byte arrives for the stall threshold, it closes the body,
 * which ends a blocked read with an {@link IOException}, and remembers that it did, so the caller
 * can report a stall rather than a lost connection. Closing the watch stops it.
 */
final class StallWatch implements AutoCloseable {
    private static final Log LOG = Log.named("llm");
    private final InputStream body;
    private final long stallNanos;
    private final Thread watcher;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean stalled;
    private volatile boolean done;

    StallWatch(InputStream body, Duration stall) {
        this.body = body;
        this.stallNanos = stall.toNanos();
        this.watcher = Thread.ofVirtual().name("llm-stall-watch").start(this::watch);
    }

    /** The body to read through: every read that returns data counts as progress. */
    InputStream stream() {
        return new FilterInputStream(body) {
            @Override
            public int read() throws IOException {
                return progress(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return progress(super.read(b, off, len));
            }
        };
    }

    /** Whether the watch cut the body because it went silent. */
    boolean stalled() {
        return stalled;
    }

    private int progress(int n) {
        if (n > 0) {
            lastProgress = System.nanoTime();
        }
        return n;
    }

    private void watch() {
        try {
            while (!done) {
                long quiet = System.nanoTime() - lastProgress;
                if (quiet >= stallNanos) {
                    stalled = true;
                    body.close();
                    return;
                }
                Thread.sleep(Duration.ofNanos(stallNanos - quiet));
            }
        } catch (InterruptedException e) {
            // closed: the response ended in time
        } catch (IOException e) {
            LOG.error("cannot cut a stalled model response; the call waits for the connection to end", e);
        }
    }

    @Override
    public void close() {
        done = true;
        watcher.interrupt();
    }
}
