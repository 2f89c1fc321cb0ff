package dev.pincer.cli.nanoclaw;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/**
 * A NanoClaw group folder carried into a Pincer one: its files copied (never over a file Pincer
 * has, never its container logs, never a symbolic link), and its {@code CLAUDE.md} memory added
 * under a heading to the memory Pincer wrote, so Pincer's own instructions stay.
 */
final class GroupFiles {
    private GroupFiles() {}

    static final String HEADING = "## Imported from NanoClaw";

    /** Files copied, files kept because Pincer's folder had them, links and special files left out. */
    record Copied(int files, int kept, int skipped) {}

    /** Copies everything of {@code from} but {@code CLAUDE.md} and {@code logs/} into {@code to}. */
    static Copied copy(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            return new Copied(0, 0, 0);
        }
        int files = 0;
        int kept = 0;
        int skipped = 0;
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(from)) {
            entries = walk.skip(1).toList();
        }
        for (Path p : entries) {
            Path rel = from.relativize(p);
            if (rel.toString().equals("CLAUDE.md") || rel.getName(0).toString().equals("logs")) {
                continue;
            }
            Path target = to.resolve(rel.toString());
            if (Files.isSymbolicLink(p) || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                skipped++;
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(target);
            } else if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                kept++;
            } else {
                Files.createDirectories(target.getParent());
                Files.copy(p, target, LinkOption.NOFOLLOW_LINKS);
                files++;
            }
        }
        return new Copied(files, kept, skipped);
    }

    /**
     * Adds NanoClaw's memory {@code from} to Pincer's {@code to} under {@link #HEADING}; false when
     * there is none, or it was added before (a second import adds nothing).
     */
    static boolean addMemory(Path from, Path to) throws IOException {
        if (!Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (Files.isSymbolicLink(to)) {
            throw new IOException(to + " is a symbolic link; Pincer does not write through links");
        }
        String existing = Files.exists(to) ? Files.readString(to, StandardCharsets.UTF_8) : "";
        if (existing.contains(HEADING)) {
            return false;
        }
        String memory = Files.readString(from, StandardCharsets.UTF_8).strip();
        String added = (existing.isEmpty() || existing.endsWith("\n") ? "" : "\n") + "\n" + HEADING + "\n\n"
                + "(Carried over from " + from + " on " + LocalDate.now() + ". Instructions in it that speak of NanoClaw,"
                + " WhatsApp formatting or files such as data/registered_groups.json may no longer apply.)\n\n"
                + memory.replaceAll("(?m)^#", "##") + "\n";
        Files.createDirectories(to.getParent());
        Files.writeString(to, added, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS);
        return true;
    }
}
