package dev.pincer.host.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Things a hostile sandbox can leave where the host expects an IPC file. */
final class Planted {
    private Planted() {}

    static boolean root() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    /** A FIFO: opening it for reading blocks until someone opens it for writing (nobody will). */
    static Path fifo(Path p) throws Exception {
        run("mkfifo", p.toString());
        return p;
    }

    /** A Unix socket file (its listener already closed). */
    static Path socket(Path p) throws IOException {
        try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.bind(UnixDomainSocketAddress.of(p));
        }
        return p;
    }

    /**
     * A character device like {@code /dev/zero} (reading never ends), made with {@code mknod}. Only
     * root can: for anyone else the test asserts that {@code mknod} is refused (as it is for every
     * sandbox, whose capabilities are all dropped) and returns null.
     */
    static Path device(Path p) throws Exception {
        Process mknod = new ProcessBuilder("mknod", p.toString(), "c", "1", "5").redirectErrorStream(true).start();
        String out = new String(mknod.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(mknod.waitFor(10, TimeUnit.SECONDS)).isTrue();
        if (root()) {
            assertThat(mknod.exitValue()).as("mknod as root: " + out).isZero();
            return p;
        }
        assertThat(mknod.exitValue()).as("mknod without root must fail").isNotZero();
        assertThat(out).contains("Operation not permitted");
        assertThat(p).doesNotExist();
        return null;
    }

    /** A sparse file of {@code bytes} that takes no disk space. */
    static Path sparse(Path p, long bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(bytes);
        }
        return p;
    }

    /**
     * Takes a write lease on {@code p} in a process that ignores the kernel's SIGIO, so any open of
     * the file waits for the lease-break time (45 s by default). Returns once the lease is held.
     */
    static Process leased(Path p) throws Exception {
        Process perl = new ProcessBuilder("perl", "-e", "$| = 1; $SIG{IO} = 'IGNORE'; open(my $f, '<', $ARGV[0]) or die \"open: $!\";"
                + " fcntl($f, 1024, 1) or die \"F_SETLEASE: $!\"; print \"leased\\n\"; sleep 120;", p.toString())
                .redirectErrorStream(true).start();
        String line = new String(perl.getInputStream().readNBytes(7), StandardCharsets.UTF_8);
        assertThat(line).as("perl holds a write lease (needs /proc/sys/fs/leases-enable = 1)").isEqualTo("leased\n");
        return perl;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).as(String.join(" ", command) + ": " + out).isTrue();
    }
}
