package dev.pincer.host.team;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
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
        try (Stream<Path> all = Files.walk(dir)) { // links are not followed: a link is removed as itself
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause(); // a folder in it could not be read
        }
    }
}
