package dev.pincer.agent.ipc;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits for files to appear or change in one IPC folder. Events do not cross every sandbox
 * boundary, so callers wait only a short while and then look at the folder again anyway; once the
 * watch is closed, a wait simply sleeps.
 */
public final class FolderWatch implements AutoCloseable {
    private final WatchService watcher;

    public FolderWatch(Path dir) throws IOException {
        this.watcher = dir.getFileSystem().newWatchService();
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
    }

    /** Returns at the next change in the folder, or after {@code max} at the latest. */
    public void await(Duration max) throws InterruptedException {
        try {
            WatchKey key = watcher.poll(max.toNanos(), TimeUnit.NANOSECONDS);
            if (key != null) {
                key.pollEvents();
                key.reset();
            }
        } catch (ClosedWatchServiceException e) {
            Thread.sleep(max);
        }
    }

    @Override
    public void close() throws IOException {
        watcher.close();
    }
}
