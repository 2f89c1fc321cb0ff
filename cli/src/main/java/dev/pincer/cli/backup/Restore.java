package dev.pincer.cli.backup;

import dev.pincer.cli.home.EnvFile;
import dev.pincer.cli.home.StoreLock;
import dev.pincer.host.config.DotEnv;
import dev.pincer.host.config.GroupFolder;
import dev.pincer.host.config.Layout;
import dev.pincer.host.sandbox.AgentUser;
import dev.pincer.host.sandbox.HostSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Puts a {@link Backup} into a home: the store, the group folders, the transcripts, {@code .env}
 * (merged: a setting the home already has is kept) and the mount allowlist (only where none is).
 * Refuses a store that is in use, and a home that already holds a Pincer unless forced; forced, the
 * current store, groups and transcripts are moved aside to {@code before-restore-<time>/} first.
 * Whether Pincer answers on the home's API is the caller's check, before this runs.
 */
public final class Restore {
    private Restore() {}

    /**
     * @param home      the home to restore into
     * @param allowlist where the home's mount allowlist belongs
     * @param agent     who owns the restored folders when Pincer runs as root (the sandboxes' uid)
     * @param force     restore over a home that already holds a Pincer
     */
    public record Target(Layout home, Path allowlist, AgentUser agent, boolean force) {}

    /** What was done, one line each, and the manifest of the backup. */
    public record Report(Manifest manifest, List<String> lines) {}

    public static Report run(Path archive, Target target) throws IOException {
        if (!Files.isRegularFile(archive)) {
            throw new IOException("no backup at " + archive);
        }
        Layout home = target.home();
        try (FileSystem zip = Archive.open(archive)) {
            Path manifestFile = zip.getPath(Manifest.FILE);
            if (!Files.isRegularFile(manifestFile) || !Files.isRegularFile(zip.getPath("store/pincer.db"))) {
                throw new IOException(archive + " is not a Pincer backup (it has no manifest.json and store/pincer.db)");
            }
            Manifest m = Manifest.parse(Files.readString(manifestFile, StandardCharsets.UTF_8));
            if (m.format() != Manifest.FORMAT) {
                throw new IOException(archive + " has backup format " + m.format() + "; this Pincer reads format " + Manifest.FORMAT);
            }
            checkFolders(zip);
            List<String> lines = new ArrayList<>();
            StoreLock.inUse(home.database()).ifPresent(why -> {
                throw new IllegalStateException(why + "; stop Pincer before restoring");
            });
            List<Path> present = present(home);
            if (!present.isEmpty()) {
                if (!target.force()) {
                    throw new IllegalStateException(home.home() + " already holds a Pincer (" + String.join(", ",
                            present.stream().map(p -> home.home().relativize(p).toString()).toList())
                            + "); restore into an empty home, or add --force to move these aside first");
                }
                lines.add("moved the current " + String.join(", ", present.stream().map(p -> home.home().relativize(p).toString()).toList())
                        + " aside to " + moveAside(home, present));
            }
            Archive.Tally tally = new Archive.Tally();
            Files.createDirectories(home.storeDir());
            Archive.copyFile(zip.getPath("store/pincer.db"), home.database(), tally);
            lines.add("store: " + m.counts().groups() + " groups, " + m.counts().messages() + " messages, " + m.counts().tasks() + " tasks");
            Archive.copyTree(zip.getPath("groups"), home.groupsDir(), tally);
            lines.add("group folders: " + String.join(", ", m.contents().folders()));
            Archive.copyTree(zip.getPath("data/sessions"), home.dataDir().resolve("sessions"), tally);
            Archive.copyTree(zip.getPath("data/channels"), home.dataDir().resolve("channels"), tally);
            if (HostSystem.effectiveUid() == 0) {
                int changed = giveToAgent(List.of(home.groupsDir(), home.dataDir().resolve("sessions")), target.agent());
                lines.add("gave " + changed + " restored files to the sandboxes' user " + target.agent().uid() + " (Pincer runs as root)");
            }
            lines.add(env(zip.getPath("config/env"), home));
            lines.add(allowlist(zip.getPath("config/mount-allowlist.json"), target.allowlist()));
            lines.add(tally.files + " files, " + tally.bytes + " bytes restored");
            return new Report(m, lines);
        }
    }

    /** Only folders Pincer could have written: {@code groups/<valid folder>} and {@code data/sessions/<valid folder>}. */
    private static void checkFolders(FileSystem zip) throws IOException {
        for (String dir : List.of("groups", "data/sessions")) {
            Path p = zip.getPath(dir);
            if (!Files.isDirectory(p)) {
                continue;
            }
            try (Stream<Path> s = Files.list(p)) {
                for (Path f : s.toList()) {
                    String name = f.getFileName().toString().replace("/", "");
                    if (!GroupFolder.isValid(name) && !name.equals("global")) {
                        throw new IOException("the backup holds " + dir + "/" + name + ", which is no group folder; it was not made by Pincer");
                    }
                }
            }
        }
    }

    /** What of a Pincer the home already holds. */
    private static List<Path> present(Layout home) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : List.of(home.database(), home.groupsDir(), home.dataDir().resolve("sessions"), home.dataDir().resolve("channels"))) {
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !empty(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static boolean empty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Moves what is there (and the store's WAL files) to {@code before-restore-<time>/}; returns where. */
    private static Path moveAside(Layout home, List<Path> present) throws IOException {
        Path aside = home.home().resolve("before-restore-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        for (Path p : present) {
            Path to = aside.resolve(home.home().relativize(p).toString());
            Files.createDirectories(to.getParent());
            Files.move(p, to, StandardCopyOption.ATOMIC_MOVE);
        }
        for (String suffix : List.of("-wal", "-shm")) {
            Path wal = home.database().resolveSibling(home.database().getFileName() + suffix);
            if (Files.exists(wal, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(wal, aside.resolve("store").resolve(wal.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return aside;
    }

    /** Adds the backup's settings the home's {@code .env} does not have; keeps what it has. */
    private static String env(Path saved, Layout home) throws IOException {
        if (!Files.isRegularFile(saved)) {
            return ".env: the backup has none";
        }
        Map<String, String> backup = DotEnv.parse(Files.readAllLines(saved, StandardCharsets.UTF_8));
        EnvFile env = EnvFile.read(home.envFile());
        List<String> kept = new ArrayList<>();
        int added = 0;
        for (var e : backup.entrySet()) {
            if (env.get(e.getKey()).isPresent()) {
                kept.add(e.getKey());
            } else {
                env.set(e.getKey(), e.getValue());
                added++;
            }
        }
        env.write();
        return ".env: " + added + " settings added" + (kept.isEmpty() ? "" : "; kept this home's " + String.join(", ", kept));
    }

    private static String allowlist(Path saved, Path allowlist) throws IOException {
        if (!Files.isRegularFile(saved)) {
            return "mount allowlist: the backup has none";
        }
        if (Files.exists(allowlist, LinkOption.NOFOLLOW_LINKS)) {
            return "mount allowlist: kept the existing " + allowlist + " (the backup's is in the zip at config/mount-allowlist.json)";
        }
        Files.createDirectories(allowlist.toAbsolutePath().getParent());
        Files.copy(saved, allowlist);
        return "mount allowlist: written to " + allowlist;
    }

    /** Hands the restored trees to the sandboxes' uid, as the files they wrote were (links are never followed). */
    private static int giveToAgent(List<Path> roots, AgentUser agent) throws IOException {
        int changed = 0;
        for (Path root : roots) {
            if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.skip(1).toList()) {
                    Files.setAttribute(p, "unix:uid", agent.uid(), LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(p, "unix:gid", agent.gid(), LinkOption.NOFOLLOW_LINKS);
                    changed++;
                }
            }
        }
        return changed;
    }
}
