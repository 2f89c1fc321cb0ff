package dev.pincer.host.sandbox.limits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Small file operations shared by the cgroup mechanisms, and the names of sandbox cgroups. */
final class Cgroups {
    private Cgroups() {}

    private static final Logger log = LoggerFactory.getLogger(Cgroups.class);

    /**
     * {@code pincer-[<owner>-]<folder, at most 40 safe characters>-<hex>}: what {@link #sandboxName} makes;
     * the owner is 6 hex characters of the Pincer home the sandbox belongs to.
     */
    private static final Pattern SANDBOX = Pattern.compile("pincer-[A-Za-z0-9_-]{1,48}-[0-9a-f]{1,12}");

    /** A unique, path-safe cgroup name for one sandbox of {@code folder} of the Pincer {@code owner} ("" for none). */
    static String sandboxName(String owner, String folder) {
        String safe = folder.replaceAll("[^A-Za-z0-9_-]", "_");
        return "pincer-" + (owner.isEmpty() ? "" : owner + "-") + safe.substring(0, Math.min(safe.length(), 40)) + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    }

    /** 6 hex characters naming a Pincer home in its sandboxes' cgroups. */
    static String ownerTag(Path home) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(home.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 3);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes one value into a control file, as {@code echo value > file} would. */
    static void write(Path file, String value) throws IOException {
        try {
            Files.writeString(file, value + "\n", StandardCharsets.US_ASCII, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new IOException("cannot write " + value + " to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Creates each directory; on failure removes the ones already made and rethrows. */
    static void createAll(List<Path> dirs) throws IOException {
        for (int i = 0; i < dirs.size(); i++) {
            try {
                Files.createDirectory(dirs.get(i));
            } catch (IOException e) {
                for (int j = i - 1; j >= 0; j--) {
                    Files.deleteIfExists(dirs.get(j));
                }
                throw new IOException("cannot create the sandbox cgroup " + dirs.get(i) + ": " + e, e);
            }
        }
    }

    /** Whether a cgroup has no process in it (a missing {@code cgroup.procs} counts as empty). */
    static boolean empty(Path cgroup) throws IOException {
        try {
            return Files.readString(cgroup.resolve("cgroup.procs"), StandardCharsets.US_ASCII).isBlank();
        } catch (NoSuchFileException e) {
            return true;
        }
    }

    /**
     * Removes the sandbox cgroups under {@code parents} that a host killed before it could release
     * them left behind: named like {@link #sandboxName}, with no process in them, and either this
     * Pincer's own ({@code owner}: no other Pincer starts sandboxes for the same home) or created at
     * least {@code minAge} ago (so a sandbox another Pincer is just starting, whose launcher has not
     * joined yet, is left alone). A cgroup that cannot be removed is logged and skipped.
     */
    static List<Path> removeStale(List<Path> parents, Duration minAge, String owner) {
        List<Path> removed = new ArrayList<>();
        Instant bornBefore = Instant.now().minus(minAge);
        for (Path parent : parents) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(parent,
                    p -> SANDBOX.matcher(p.getFileName().toString()).matches()
                            && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
                for (Path dir : children) {
                    boolean own = !owner.isEmpty() && dir.getFileName().toString().startsWith("pincer-" + owner + "-");
                    if (removeIfStale(dir, own ? Instant.MAX : bornBefore)) {
                        removed.add(dir);
                    }
                }
            } catch (IOException e) {
                log.warn("cannot list sandbox cgroups under {}: {}", parent, e.toString());
            }
        }
        return removed;
    }

    private static boolean removeIfStale(Path dir, Instant bornBefore) {
        try {
            return Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(bornBefore)
                    && empty(dir) && Files.deleteIfExists(dir);
        } catch (IOException e) {
            log.warn("cannot remove the stale sandbox cgroup {}: {}", dir, e.toString()); // e.g. busy again
            return false;
        }
    }
}
