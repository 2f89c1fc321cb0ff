package dev.pincer.protocol;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * File conventions of the IPC folders (see docs/ARCHITECTURE.md): JSON files named
 * {@code <epoch-nanos>-<random>.json}, written as {@code .tmp} then renamed, at most 1 MiB.
 */
public final class IpcFiles {
    private IpcFiles() {}

    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    public static final String REQUESTS = "requests";
    public static final String RESPONSES = "responses";
    public static final long MAX_BYTES = 1 << 20;

    private static final Pattern NAME = Pattern.compile("[0-9]{1,20}-[0-9a-f]{8,32}\\.json");
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final java.util.concurrent.atomic.AtomicLong LAST = new java.util.concurrent.atomic.AtomicLong();

    /** A fresh file name; names made by one process sort strictly in the order they were made. */
    public static String newName() {
        java.time.Instant now = java.time.Instant.now();
        long wall = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        long nanos = LAST.updateAndGet(last -> Math.max(last + 1, wall));
        byte[] r = new byte[6];
        RANDOM.nextBytes(r);
        return String.format("%020d", nanos) + "-" + HexFormat.of().formatHex(r) + ".json";
    }

    private static byte[] randomBytes() {
        byte[] r = new byte[4];
        RANDOM.nextBytes(r);
        return r;
    }

    /** Whether {@code name} is a finished IPC file name (not a {@code .tmp}, not anything else). */
    public static boolean isIpcName(String name) {
        return NAME.matcher(name).matches();
    }

    /** Writes {@code value} as JSON into {@code dir} atomically; returns the final path. */
    public static Path write(Path dir, Object value) throws IOException {
        return write(dir, newName(), value);
    }

    /**
     * Writes {@code value} as JSON into {@code dir/name} atomically: a fresh {@code .tmp} file
     * (never an existing file or a planted symlink), then renamed over {@code name}.
     */
    public static Path write(Path dir, String name, Object value) throws IOException {
        if (!isIpcName(name)) {
            throw new IllegalArgumentException("not an IPC file name: " + name);
        }
        byte[] bytes = Json.MAPPER.writeValueAsBytes(value);
        if (bytes.length > MAX_BYTES) {
            throw new IOException("IPC file would be " + bytes.length + " bytes, the limit is " + MAX_BYTES);
        }
        Path tmp = dir.resolve(name + "." + HexFormat.of().formatHex(randomBytes()) + ".tmp");
        Path target = dir.resolve(name);
        Files.write(tmp, bytes, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target);
        }
        return target;
    }

    /** The finished IPC files in {@code dir}, oldest first. Symlinks and other oddities are skipped. */
    public static List<Path> list(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                if (isIpcName(p.getFileName().toString())) {
                    files.add(p);
                }
            }
        }
        files.sort(null);
        return files;
    }

    /**
     * Reads a file the host wrote, on the agent's side. Refuses symlinks, non-regular files and
     * files over {@link #MAX_BYTES}. Between the check and the open the writer could swap the file,
     * which is why the host never reads a sandbox's files with this: it moves each one out of the
     * sandbox's reach first ({@code IpcInbox} in the host, docs/DESIGN.md section 7).
     */
    public static byte[] read(Path file) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isRegularFile()) {
            throw new IOException("not a regular file: " + file.getFileName());
        }
        if (attrs.size() > MAX_BYTES) {
            throw new IOException("file is " + attrs.size() + " bytes, the limit is " + MAX_BYTES);
        }
        try (var ch = Files.newByteChannel(file, java.nio.file.StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = ch.size();
            if (size > MAX_BYTES) {
                throw new IOException("file is " + size + " bytes, the limit is " + MAX_BYTES);
            }
            var buf = java.nio.ByteBuffer.allocate((int) size);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // keep reading
            }
            return buf.array();
        }
    }
}
