package dev.pincer.cli.backup;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The zip a backup is, through the JDK's zip file system with POSIX permissions kept: folder trees
 * copied in and out without following symbolic links (a sandbox may have planted one; it is left
 * out and reported), entries only ever extracted below their target.
 */
final class Archive {
    private Archive() {}

    /** Files and bytes copied, and what was left out. */
    static final class Tally {
        long files;
        long bytes;
        final List<String> skipped = new ArrayList<>();
    }

    /** A new zip at {@code file} (which must not exist); close it to write it. */
    static FileSystem create(Path file) throws IOException {
        return FileSystems.newFileSystem(file, Map.of("create", "true", "enablePosixFileAttributes", "true"));
    }

    static FileSystem open(Path file) throws IOException {
        try {
            return FileSystems.newFileSystem(file, Map.of("enablePosixFileAttributes", "true"));
        } catch (java.util.zip.ZipException | java.nio.file.ProviderNotFoundException e) {
            throw new IOException(file + " is not a zip file (" + e.getMessage() + ")", e);
        }
    }

    /** Copies the file {@code from} to {@code to}, with its permissions. */
    static void copyFile(Path from, Path to, Tally tally) throws IOException {
        Files.createDirectories(to.toAbsolutePath().getParent());
        Files.copy(from, to, LinkOption.NOFOLLOW_LINKS);
        Files.setPosixFilePermissions(to, permissions(from));
        tally.files++;
        tally.bytes += Files.size(to);
    }

    /** Copies the tree {@code from} (when it exists) into {@code to}; symbolic links and special files are skipped. */
    static void copyTree(Path from, Path to, Tally tally) throws IOException {
        if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(from)) {
            entries = walk.toList();
        }
        for (Path p : entries) {
            Path target = inside(to, from.relativize(p).toString());
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isDirectory()) {
                Files.createDirectories(target);
                Set<PosixFilePermission> mode = withOwnerAccess(a.permissions());
                mode.add(PosixFilePermission.OWNER_EXECUTE);
                Files.setPosixFilePermissions(target, mode);
            } else if (a.isRegularFile()) {
                copyFile(p, target, tally);
            } else {
                tally.skipped.add(p + (a.isSymbolicLink() ? " (a symbolic link)" : " (not a regular file)"));
            }
        }
    }

    /** {@code base.resolve(relative)}, refused when it would lead outside {@code base} (an entry like {@code ../x}). */
    static Path inside(Path base, String relative) throws IOException {
        Path r = base.getFileSystem().getPath(relative.replace('\\', '/')).normalize();
        if (r.isAbsolute() || r.startsWith("..") || r.toString().startsWith("/")) {
            throw new IOException("refusing entry '" + relative + "': it leads outside " + base);
        }
        Path out = base.resolve(r.toString()).normalize();
        if (!out.startsWith(base.normalize())) {
            throw new IOException("refusing entry '" + relative + "': it leads outside " + base);
        }
        return out;
    }

    private static Set<PosixFilePermission> permissions(Path p) throws IOException {
        return withOwnerAccess(Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).permissions());
    }

    /** The owner can always read and write (and enter a directory) what was copied. */
    private static Set<PosixFilePermission> withOwnerAccess(Set<PosixFilePermission> mode) {
        Set<PosixFilePermission> out = new java.util.HashSet<>(mode);
        out.add(PosixFilePermission.OWNER_READ);
        out.add(PosixFilePermission.OWNER_WRITE);
        return out;
    }
}
