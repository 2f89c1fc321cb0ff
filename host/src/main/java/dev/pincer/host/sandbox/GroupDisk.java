package dev.pincer.host.sandbox;

import dev.pincer.host.config.Layout;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.List;

/**
 * The disk quota of a group: what its sandboxes can write on the host ({@code groups/<folder>},
 * {@code data/sessions/<folder>}, {@code data/ipc/<folder>}, {@code data/run/<folder>}) together
 * may hold at most {@code PINCER_GROUP_DISK_MB}, checked before each sandbox starts. The walk is
 * cheap on purpose: it never follows links, counts every entry's apparent size (a sparse or
 * hard-linked file counts in full), stops as soon as the quota is exceeded, and gives up past
 * {@value #MAX_ENTRIES} entries, which counts as exceeded too.
 */
public final class GroupDisk {
    private GroupDisk() {}

    /** More entries than this and the folders are over quota whatever their size. */
    static final int MAX_ENTRIES = 500_000;
    private static final long MB = 1024L * 1024;

    /** A group whose folders are over its quota; the message says how much and what to do. */
    public static final class QuotaExceededException extends IOException {
        private static final long serialVersionUID = 1L;

        QuotaExceededException(String message) {
            super(message);
        }
    }

    /**
     * What a walk found.
     *
     * @param bytes    apparent size of every entry seen
     * @param entries  entries seen
     * @param complete false if the walk stopped early (over the byte limit or {@value #MAX_ENTRIES} entries)
     */
    record Usage(long bytes, long entries, boolean complete) {}

    /** The folders of {@code folder} that its sandboxes can write. */
    public static List<Path> writableFolders(Layout layout, String folder) {
        return List.of(layout.groupDir(folder), layout.sessionsDir(folder), layout.ipcDir(folder), layout.runDir(folder));
    }

    /**
     * Refuses a new sandbox for {@code folder} whose folders use more than {@code limitMb}
     * (0: no quota).
     */
    public static void check(Layout layout, String folder, long limitMb) throws IOException {
        if (limitMb <= 0) {
            return;
        }
        List<Path> dirs = writableFolders(layout, folder);
        Usage u = measure(dirs, limitMb * MB, MAX_ENTRIES);
        String where = "the group's folders (" + String.join(", ", dirs.stream().map(d -> layout.home().relativize(d).toString()).toList()) + ")";
        if (u.entries() > MAX_ENTRIES) {
            throw new QuotaExceededException(where + " hold more than " + MAX_ENTRIES + " files and folders; delete files");
        }
        if (u.bytes() > limitMb * MB) {
            throw new QuotaExceededException(where + " use " + (u.complete() ? "" : "more than ") + u.bytes() / MB + " MB of its "
                    + limitMb + " MB; delete files or raise PINCER_GROUP_DISK_MB");
        }
    }

    /** Sums apparent sizes under {@code dirs} without following links; stops past {@code stopAbove} bytes or {@code maxEntries}. */
    static Usage measure(List<Path> dirs, long stopAbove, int maxEntries) throws IOException {
        long[] total = {0, 0};
        boolean[] stopped = {false};
        for (Path dir : dirs) {
            if (stopped[0] || !Files.isDirectory(dir)) {
                continue;
            }
            Files.walkFileTree(dir, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return count(attrs);
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    return count(attrs);
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // removed while walking
                    }
                    throw new IOException("cannot measure the group's folder: " + e.getMessage()
                            + "; make it readable for Pincer (" + f + ")", e);
                }

                private FileVisitResult count(BasicFileAttributes attrs) {
                    total[0] += attrs.size();
                    total[1]++;
                    if (total[0] > stopAbove || total[1] > maxEntries) {
                        stopped[0] = true;
                        return FileVisitResult.TERMINATE;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        return new Usage(total[0], total[1], !stopped[0]);
    }
}
