package dev.pincer.host.ipc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * One IPC subfolder of a group, worked on the way a root process must work in a folder a hostile
 * sandbox can write: every operation opens the subfolder relative to the group's IPC root without
 * following links ({@code openat} with {@code O_NOFOLLOW}, through {@link SecureDirectoryStream}),
 * and names inside it are never followed either. A sandbox that swaps {@code responses/} for a
 * symlink to a host directory gets an error, not a file written there. Nothing here opens a file
 * the sandbox wrote: {@link IpcInbox} moves such a file out of its reach first.
 */
public final class IpcDir {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final String sub;

    /** @param root the group's IPC root ({@code data/ipc/<folder>}, which the sandbox cannot replace) */
    public IpcDir(Path root, String sub) {
        this.root = root;
        this.sub = sub;
    }

    public Path path() {
        return root.resolve(sub);
    }

    /**
     * Makes sure the subfolder is a real directory: a symlink or file the sandbox left in its
     * place is removed (never followed) and the directory created. Call before a sandbox starts.
     */
    public void repair() throws IOException {
        Files.createDirectories(root);
        Path p = path();
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)
                && !Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory()) {
            Files.delete(p);
        }
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(p);
        }
    }

    /**
     * Empties the folder after repairing it: files and links are deleted, anything else (a folder
     * the sandbox made) is moved to {@code aside} under {@code prefix + name}. Nobody waits for what
     * an earlier sandbox left.
     */
    public void clear(Path aside, String prefix) throws IOException {
        repair();
        for (String name : names()) {
            try {
                delete(name);
            } catch (IOException e) {
                moveOut(name, aside, prefix + name + "-" + System.nanoTime());
            }
        }
    }

    /** Every name in the folder (finished files, {@code .tmp} files, anything), sorted. */
    public List<String> names() throws IOException {
        try (Opened d = open()) {
            List<String> names = new ArrayList<>();
            for (Path p : d.dir()) {
                names.add(p.getFileName().toString());
            }
            names.sort(null);
            return names;
        }
    }

    /** Writes {@code bytes} as {@code name} atomically: a fresh temporary file, then a rename over {@code name}. */
    public void write(String name, byte[] bytes) throws IOException {
        byte[] r = new byte[6];
        RANDOM.nextBytes(r);
        Path tmp = Path.of(name + "." + HexFormat.of().formatHex(r) + ".tmp");
        try (Opened d = open()) {
            try (var ch = d.dir().newByteChannel(tmp,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS))) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
            d.dir().move(tmp, d.dir(), Path.of(name));
        }
    }

    /** Deletes {@code name} (a link is removed, never followed); false if it was not there. */
    public boolean delete(String name) throws IOException {
        try (Opened d = open()) {
            try {
                d.dir().deleteFile(Path.of(name));
                return true;
            } catch (java.nio.file.NoSuchFileException e) {
                return false;
            }
        }
    }

    /** Moves {@code name} (a link as a link) into the host folder {@code target} as {@code targetName}. */
    public void moveOut(String name, Path target, String targetName) throws IOException {
        Files.createDirectories(target);
        try (Opened d = open(); DirectoryStream<Path> t = Files.newDirectoryStream(target)) {
            if (!(t instanceof SecureDirectoryStream<Path> secureTarget)) {
                throw new IOException("this platform cannot open folders without following links");
            }
            d.dir().move(Path.of(name), secureTarget, Path.of(targetName));
        }
    }

    private record Opened(SecureDirectoryStream<Path> parent, SecureDirectoryStream<Path> dir) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                dir.close();
            } finally {
                parent.close();
            }
        }
    }

    private Opened open() throws IOException {
        DirectoryStream<Path> parent = Files.newDirectoryStream(root);
        if (!(parent instanceof SecureDirectoryStream<Path> secure)) {
            parent.close();
            throw new IOException("this platform cannot open folders without following links; IPC is not safe here");
        }
        try {
            return new Opened(secure, secure.newDirectoryStream(Path.of(sub), LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | RuntimeException e) {
            secure.close();
            throw new IOException("the IPC folder " + sub + "/ is not a directory (" + e.getMessage() + ")", e);
        }
    }
}
