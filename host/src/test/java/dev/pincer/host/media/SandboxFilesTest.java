package dev.pincer.host.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.host.config.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the host reads for {@code send_file}, when the sandbox has prepared traps in its own folder. */
class SandboxFilesTest {

    @TempDir Path home;

    @Test
    void aFifoCannotHoldTheHost() throws Exception {
        Path group = Files.createDirectories(home.resolve("groups/family"));
        Process mkfifo = new ProcessBuilder("mkfifo", group.resolve("pipe.pdf").toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).as("mkfifo").isZero();
        SandboxFiles files = new SandboxFiles(new Layout(home));

        long start = System.nanoTime();
        assertThatThrownBy(() -> files.copy("family", "/workspace/group/pipe.pdf", 1000, home.resolve("staging")))
                .isInstanceOf(SandboxFiles.Refused.class).hasMessageContaining("not a regular file");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aReadThatNeverEndsIsCutAtTheDeadline() throws Exception {
        Path group = Files.createDirectories(home.resolve("groups/family"));
        // a regular file at the check, swapped for a FIFO whose writer never writes: the read blocks
        Path fifo = group.resolve("slow");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();
        Process writer = new ProcessBuilder("sh", "-c", "exec 3>" + fifo + "; sleep 30").start();
        try {
            SandboxFiles files = new SandboxFiles(new Layout(home), Duration.ofSeconds(1),
                    at -> java.nio.channels.Channels.newInputStream(java.nio.channels.FileChannel.open(fifo)));
            long start = System.nanoTime();
            assertThatThrownBy(() -> files.copy("family", "slow", 1000, home.resolve("staging")))
                    .isInstanceOf(SandboxFiles.Refused.class).hasMessageContaining("within 1 s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            writer.destroyForcibly();
        }
        assertThat(Files.list(home.resolve("staging"))).as("nothing left in staging").isEmpty();
    }

    @Test
    void relativePathsAreTheGroupsFolderAndDotsAreDropped() throws Exception {
        SandboxFiles files = new SandboxFiles(new Layout(home));
        SandboxFiles.Located at = files.locate("family", "./out//a.txt");
        assertThat(at.root()).isEqualTo(home.resolve("groups/family"));
        assertThat(at.names()).containsExactly("out", "a.txt");
        assertThat(files.locate("family", "/workspace/group/inbox/2026-12/x.jpg").names())
                .as("the inbox is the group folder's inbox/").containsExactly("inbox", "2026-12", "x.jpg");
    }
}
