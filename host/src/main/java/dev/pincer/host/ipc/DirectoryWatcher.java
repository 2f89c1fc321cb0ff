package dev.pincer.host.ipc;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@code onChange} when files appear in a directory (inotify through {@link WatchService}),
 * and at least every {@code rescan} as a safety net for lost events. Runs on a virtual thread.
 */
public final class DirectoryWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DirectoryWatcher.class);

    private final WatchService watch;
    private final Thread thread;
    private volatile boolean open = true;

    public DirectoryWatcher(Path dir, Duration rescan, Runnable onChange) throws IOException {
        this.watch = FileSystems.getDefault().newWatchService();
        dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE); // a rename into the dir counts as a create
        this.thread = Thread.ofVirtual().name("watch-" + dir.getFileName()).start(() -> loop(rescan, onChange));
    }

    private void loop(Duration rescan, Runnable onChange) {
        onChange.run(); // files that arrived before the watch was registered
        while (open) {
            try {
                WatchKey key = watch.poll(rescan.toMillis(), TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
                if (open) {
                    onChange.run();
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("watch callback failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            watch.close();
        } catch (IOException e) {
            log.debug("closing watch service: {}", e.toString());
        }
        thread.interrupt();
    }
}
