package dev.pincer.agent.tools;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The regular files under a directory, for Glob and Grep: symbolic links are not followed,
 * version-control folders ({@code .git}, {@code .hg}, {@code .svn}) are skipped, unreadable
 * folders are counted and passed over, and the walk stops after {@link #MAX_VISITED} files.
 */
final class FileTree {
    static final int MAX_VISITED = 200_000;
    private static final Set<String> SKIPPED = Set.of(".git", ".hg", ".svn");

    /** A file found; {@code relative} is its path from the walk's root, '/'-separated. */
    record Entry(Path path, String relative, long modifiedMillis, long size) {}

    /** What a walk found; {@code stopped} when it hit {@link #MAX_VISITED}. */
    record Found(List<Entry> files, boolean stopped, int unreadable) {

        /** Newest first, then by path (Claude Code's order for Glob and Grep file lists). */
        List<Entry> newestFirst() {
            return files.stream().sorted(Comparator.comparingLong(Entry::modifiedMillis).reversed()
                    .thenComparing(Entry::relative)).toList();
        }

        List<Entry> byPath() {
            return files.stream().sorted(Comparator.comparing(Entry::relative)).toList();
        }
    }

    private FileTree() {}

    /**
     * Walks {@code root} (a directory, or a single regular file) and keeps the files that
     * {@code filter} accepts.
     *
     * @throws InterruptedException when the calling thread is interrupted (the tool timed out)
     */
    static Found walk(Path root, Predicate<Entry> filter) throws IOException, InterruptedException {
        List<Entry> kept = new ArrayList<>();
        if (Files.isRegularFile(root)) {
            BasicFileAttributes a = Files.readAttributes(root, BasicFileAttributes.class);
            Entry e = new Entry(root, root.getFileName().toString(), a.lastModifiedTime().toMillis(), a.size());
            return new Found(filter.test(e) ? List.of(e) : List.of(), false, 0);
        }
        int[] visited = {0};
        int[] unreadable = {0};
        boolean[] stopped = {false};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (Thread.currentThread().isInterrupted()) {
                    return FileVisitResult.TERMINATE;
                }
                return !dir.equals(root) && SKIPPED.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!attrs.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                if (++visited[0] > MAX_VISITED) {
                    stopped[0] = true;
                    return FileVisitResult.TERMINATE;
                }
                String relative = root.relativize(file).toString();
                Entry e = new Entry(file, relative, attrs.lastModifiedTime().toMillis(), attrs.size());
                if (filter.test(e)) {
                    kept.add(e);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                unreadable[0]++;
                return FileVisitResult.CONTINUE;
            }
        });
        if (Thread.interrupted()) {
            throw new InterruptedException("the file walk was interrupted");
        }
        return new Found(kept, stopped[0], unreadable[0]);
    }
}
