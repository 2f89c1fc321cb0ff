package dev.pincer.host.team;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scratch folders of a group's earlier runs ({@code data/team/<folder>/<run>/scratch/}) are
 * removed when a new run starts its first teammate: a run's scratch is for its teammates while it
 * works. Their homes (transcripts) stay with the run. Removal never follows a link a teammate made.
 */
final class ScratchFolders {
    private ScratchFolders() {}

    private static final Logger log = LoggerFactory.getLogger(ScratchFolders.class);

    /** Removes the scratch of every run folder under {@code groupTeamDir} but {@code keep}'s, untouched since {@code before}. */
    static void pruneBut(Path groupTeamDir, Set<String> keep, Instant before) {
        if (!Files.isDirectory(groupTeamDir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> runs = Files.list(groupTeamDir)) {
            for (Path run : runs.toList()) {
                Path scratch = run.resolve("scratch");
                if (!keep.contains(run.getFileName().toString()) && Files.isDirectory(scratch, LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(scratch, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before)) {
                    remove(scratch);
                }
            }
        } catch (IOException e) {
            log.warn("cannot prune the teammates' scratch folders in {}: {}", groupTeamDir, e.toString());
        }
    }

    private static void remove(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() { // links are not followed: a link is removed as itself
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
