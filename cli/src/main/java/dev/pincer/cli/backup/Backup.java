package dev.pincer.cli.backup;

import dev.pincer.cli.home.EnvFile;
import dev.pincer.cli.home.SecretSettings;
import dev.pincer.host.app.Version;
import dev.pincer.host.config.Layout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a backup of a home: the store copied with {@code VACUUM INTO} (a consistent snapshot, safe
 * while Pincer runs and writes), {@code groups/}, the agents' transcripts ({@code data/sessions/}),
 * {@code .env} without its secrets (with them, and the channels' state in {@code data/channels/},
 * only when asked), the mount allowlist, and a {@link Manifest}. Never the web token or the run logs.
 * The zip is written next to its final name and moved there when complete.
 */
public final class Backup {
    private Backup() {}

    /**
     * @param home           the home to back up
     * @param allowlist      the mount allowlist file (it lives outside the home; taken when it exists)
     * @param includeSecrets whether {@code .env}'s secrets and {@code data/channels/} go in too
     */
    public record Source(Layout home, Path allowlist, boolean includeSecrets) {}

    public static Manifest write(Source source, Path archive) throws IOException {
        Layout home = source.home();
        if (!Files.isRegularFile(home.database())) {
            throw new IOException("nothing to back up: there is no store at " + home.database());
        }
        if (Files.exists(archive)) {
            throw new IOException(archive + " already exists; choose another file name or delete it first");
        }
        Path dir = archive.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path snapshot = dir.resolve(".pincer-backup-" + UUID.randomUUID() + ".db");
        Path partial = dir.resolve(".pincer-backup-" + UUID.randomUUID() + ".zip");
        try {
            Manifest.Counts stored = snapshot(home.database(), snapshot);
            Archive.Tally tally = new Archive.Tally();
            List<String> parts = new ArrayList<>();
            List<String> leftOut = new ArrayList<>(List.of("data/web-token (made anew at the first start)",
                    "logs/ (run logs)", "data/ipc*, data/run (working files of running sandboxes)"));
            List<String> folders;
            try (FileSystem zip = Archive.create(partial)) {
                Archive.copyFile(snapshot, zip.getPath("store/pincer.db"), tally);
                parts.add("store/pincer.db: the store (groups, messages, tasks, runs, usage), a consistent snapshot");
                Archive.copyTree(home.groupsDir(), zip.getPath("groups"), tally);
                folders = folders(home.groupsDir());
                parts.add("groups/: the group folders with their memory and files (" + String.join(", ", folders) + ")");
                Archive.copyTree(home.dataDir().resolve("sessions"), zip.getPath("data/sessions"), tally);
                parts.add("data/sessions/: the agents' session transcripts");
                if (source.includeSecrets()) {
                    Archive.copyTree(home.dataDir().resolve("channels"), zip.getPath("data/channels"), tally);
                    parts.add("data/channels/: the chat channels' state (linked devices, sessions)");
                } else {
                    leftOut.add("data/channels/ (the channels' state: may hold credentials; --include-secrets takes it)");
                }
                parts.add(env(home, zip, source.includeSecrets(), leftOut));
                if (Files.isRegularFile(source.allowlist())) {
                    Archive.copyFile(source.allowlist(), zip.getPath("config/mount-allowlist.json"), tally);
                    parts.add("config/mount-allowlist.json: the mount allowlist (" + source.allowlist() + ")");
                }
                tally.skipped.forEach(s -> leftOut.add(s + " under " + home.home()));
                Manifest m = new Manifest(Manifest.FORMAT, Version.get(), Instant.now().toString(), home.home().toString(),
                        new Manifest.Counts(stored.groups(), stored.messages(), stored.tasks(), tally.files, tally.bytes),
                        new Manifest.Contents(parts, folders, source.includeSecrets(), leftOut));
                Files.writeString(zip.getPath(Manifest.FILE), m.json(), StandardCharsets.UTF_8);
                zip.close();
                Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
                Files.setPosixFilePermissions(archive, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                return m;
            }
        } finally {
            Files.deleteIfExists(snapshot);
            Files.deleteIfExists(partial);
        }
    }

    /** {@code .env} as {@code config/env}: settings only, or with the secrets too. Returns its line of the parts. */
    private static String env(Layout home, FileSystem zip, boolean secrets, List<String> leftOut) throws IOException {
        if (!Files.isRegularFile(home.envFile())) {
            return "no .env (the home had none)";
        }
        SecretSettings secret = SecretSettings.load();
        EnvFile env = EnvFile.read(home.envFile());
        List<String> dropped = env.values().keySet().stream().filter(secret::isSecret).sorted().toList();
        Path target = zip.getPath("config/env");
        Files.createDirectories(target.getParent());
        Files.writeString(target, env.textWith(k -> secrets || !secret.isSecret(k)), StandardCharsets.UTF_8);
        if (secrets || dropped.isEmpty()) {
            return "config/env: .env" + (dropped.isEmpty() ? "" : " with its secrets");
        }
        leftOut.add(".env secrets " + String.join(", ", dropped) + " (--include-secrets takes them)");
        return "config/env: .env without its secrets";
    }

    /** A consistent copy of the live store, and how many groups, messages and tasks it holds. */
    private static Manifest.Counts snapshot(Path db, Path copy) throws IOException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath())) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
            }
            try (PreparedStatement vacuum = c.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, copy.toAbsolutePath().toString());
                vacuum.execute();
            }
        } catch (SQLException e) {
            throw new IOException("cannot copy the store " + db + ": " + e.getMessage(), e);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy.toAbsolutePath())) {
            return new Manifest.Counts(count(c, "groups"), count(c, "messages"), count(c, "tasks"), 0, 0);
        } catch (SQLException e) {
            throw new IOException("the copy of the store cannot be read: " + e.getMessage(), e);
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static List<String> folders(Path groups) throws IOException {
        if (!Files.isDirectory(groups)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(groups)) {
            return s.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
