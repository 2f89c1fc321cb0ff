package dev.pincer.agent.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderWatchTest {
    @TempDir
    Path dir;

    @Test
    void aNewFileEndsTheWaitEarly() throws Exception {
        try (FolderWatch watch = new FolderWatch(dir)) {
            CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(100);
                    Files.writeString(dir.resolve("a.json"), "{}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long start = System.nanoTime();
            watch.await(Duration.ofSeconds(20));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void withoutAChangeTheWaitLastsItsMaximum() throws Exception {
        try (FolderWatch watch = new FolderWatch(dir)) {
            long start = System.nanoTime();
            watch.await(Duration.ofMillis(200));
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(190));
        }
    }

    @Test
    void aClosedWatchStillWaits() throws Exception {
        FolderWatch watch = new FolderWatch(dir);
        watch.close();
        long start = System.nanoTime();
        watch.await(Duration.ofMillis(200));
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(190));
    }
}
