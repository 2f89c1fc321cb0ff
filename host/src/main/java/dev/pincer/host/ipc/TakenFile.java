package dev.pincer.host.ipc;

import dev.pincer.protocol.IpcFiles;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A file a sandbox wrote, taken out of its reach into the host-only work folder
 * ({@link IpcInbox#take}). Its entry cannot change any more, so the type check and the open do not
 * race: only a regular file of at most {@link IpcFiles#MAX_BYTES} is opened (without following a
 * link) and at most one byte past its size is read.
 *
 * <p>The sandbox still owns the file's inode and may hold a lease on it ({@code fcntl F_SETLEASE}),
 * which makes any open wait until the kernel breaks the lease ({@code /proc/sys/fs/lease-break-time},
 * 45 s by default). So the open runs on its own thread: the host waits at most {@link #OPEN_LIMIT},
 * then treats the file as bad and moves on; the abandoned thread ends when the lease is broken.
 */
public final class TakenFile {

    /** How long the host waits for an open; a local file of 1 MiB opens and reads far faster. */
    public static final Duration OPEN_LIMIT = Duration.ofSeconds(5);

    private static final int S_IFMT = 0170000;

    private final Path path;

    TakenFile(Path path) {
        this.path = path;
    }

    public String name() {
        return path.getFileName().toString();
    }

    /** The file's bytes; throws, naming the reason, for anything but a regular file within the limit. */
    public byte[] read() throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
            throw new IOException("not a regular file but " + kind(a));
        }
        if (a.size() > IpcFiles.MAX_BYTES) {
            throw new IOException("the file is " + a.size() + " bytes, the limit is " + IpcFiles.MAX_BYTES);
        }
        CompletableFuture<byte[]> bytes = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("ipc-read-" + name()).start(() -> {
            try {
                bytes.complete(readAtMost((int) a.size()));
            } catch (Throwable e) {
                bytes.completeExceptionally(e);
            }
        });
        try {
            return bytes.get(OPEN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the file could not be opened within " + OPEN_LIMIT.toSeconds()
                    + " s (does the sandbox hold a lease on it?)");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + name());
        }
    }

    private byte[] readAtMost(int size) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(path, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            ByteBuffer buf = ByteBuffer.allocate(size + 1);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // keep reading
            }
            if (buf.position() > size) {
                throw new IOException("the file grew while it was read (write a .tmp file, then rename it)");
            }
            byte[] out = new byte[buf.position()];
            buf.flip().get(out);
            return out;
        }
    }

    /** Removes the file once it was used. */
    public void delete() throws IOException {
        Files.deleteIfExists(path);
    }

    /**
     * Moves it, whatever it is (a link as a link), to {@code dir/newName}, or to a fresh name
     * beside it if that is taken; if it cannot be moved, it is deleted, so it is not met again.
     */
    public void moveTo(Path dir, String newName) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(newName);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            target = dir.resolve(newName + "-" + System.nanoTime());
        }
        try {
            Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(path);
            throw new IOException("could not move " + name() + " aside, deleted it instead: " + e.getMessage(), e);
        }
    }

    private String kind(BasicFileAttributes a) throws IOException {
        if (a.isSymbolicLink()) {
            return "a symbolic link";
        }
        if (a.isDirectory()) {
            return "a folder";
        }
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return switch (mode & S_IFMT) {
            case 0010000 -> "a FIFO";
            case 0140000 -> "a socket";
            case 0020000 -> "a character device";
            case 0060000 -> "a block device";
            default -> "an unknown kind of file (mode " + Integer.toOctalString(mode) + ")";
        };
    }
}
