package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.store.Database;
import dev.pincer.host.store.Group;
import dev.pincer.host.tasks.Task;
import dev.pincer.testkit.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./pincer backup} of a running Pincer and {@code ./pincer restore} into a fresh home: the
 * Pincer started there has the same groups, messages, tasks and folders. Secrets stay out unless
 * asked; a running Pincer, a store in use and a home with data are refused.
 */
class BackupRestoreEndToEndTest {

    @TempDir Path home;
    @TempDir Path other;
    @TempDir Path outside;

    /** What a home holds, for comparing two of them. */
    private record State(List<String> groups, List<String> messages, List<String> tasks) {
        static State of(Harness h) {
            return new State(h.pincer.groups().all().stream().map(g -> g.folder() + " " + g.jid() + " " + g.name() + " "
                            + g.trigger().word() + " " + g.trigger().required() + " " + g.isMain()).sorted().toList(),
                    h.pincer.groups().all().stream().map(Group::jid)
                            .flatMap(jid -> h.pincer.messages().after(jid, 0, 1000).stream())
                            .map(m -> m.chatJid() + " " + m.seq() + " " + m.sender().name() + ": " + m.text()).sorted().toList(),
                    h.pincer.tasks().list(Optional.empty()).stream().map(t -> t.id() + " " + t.groupFolder() + " " + t.status() + " "
                            + t.spec() + " " + t.times().nextRun()).sorted().toList());
        }
    }

    @Test
    void aBackupOfARunningPincerRestoresIntoAFreshHomeAsItWas() throws Exception {
        Path archive = outside.resolve("pincer-backup.zip");
        Path allowlist = Files.writeString(outside.resolve("allow-a.json"), "{\"allowedRoots\": []}");
        State before;
        try (Harness a = new Harness(home).set("PINCER_MOUNT_ALLOWLIST", allowlist.toString()).start()) {
            Files.writeString(home.resolve(".env"), "PINCER_DAILY_TOKENS=123456\n", java.nio.file.StandardOpenOption.APPEND);
            a.registerGroup("family", "family");
            a.model.respondWith(r -> Reply.text("Noted."));
            a.awaitReply("main", a.post("main", "remember the milk"), Duration.ofSeconds(60));
            a.awaitReply("family", a.post("family", "@Andy hello family"), Duration.ofSeconds(60));
            a.pincer.tasks().schedule("family", "web:family", "Water the plants", "cron", "0 18 * * *", "group");
            Task paused = a.pincer.tasks().schedule("main", "web:main", "Weekly review", "cron", "0 9 * * 1", "isolated");
            a.pincer.tasks().pause(paused.id());
            Path family = home.resolve("groups/family");
            Files.createDirectories(family.resolve("notes"));
            Files.writeString(family.resolve("notes/list.md"), "- milk\n- bread\n");
            Files.writeString(family.resolve("tidy.sh"), "#!/bin/sh\necho tidy\n");
            Files.setPosixFilePermissions(family.resolve("tidy.sh"), PosixFilePermissions.fromString("rwxr-x---"));
            Files.createSymbolicLink(family.resolve("passwd"), Path.of("/etc/passwd"));
            before = State.of(a);

            Cli.Outcome backup = Cli.run(Cli.env(a), "backup", archive.toString());
            assertThat(backup.status()).as(backup.all()).isZero();
            assertThat(backup.out()).contains("Backed up " + home, "store/pincer.db", "groups/", "family", "main",
                    "2 groups", "2 tasks", ".env secrets ANTHROPIC_API_KEY", "passwd (a symbolic link)");
            Cli.Outcome secrets = Cli.run(Cli.env(a), "backup", "--include-secrets", outside.resolve("with-secrets.zip").toString());
            assertThat(secrets.status()).as(secrets.all()).isZero();
            Cli.Outcome exists = Cli.run(Cli.env(a), "backup", archive.toString());
            assertThat(exists.err()).isEqualTo("pincer: " + archive + " already exists; choose another file name or delete it first\n");

            Cli.Outcome overRunning = Cli.run(Cli.env(a), "restore", "--force", archive.toString());
            assertThat(overRunning.status()).isEqualTo(1);
            assertThat(overRunning.err()).startsWith("pincer: Pincer is running in " + home + "; stop it before restoring");
        }

        try (ZipFile zip = new ZipFile(archive.toFile())) {
            assertThat(zip.getEntry("manifest.json")).isNotNull();
            assertThat(zip.getEntry("data/web-token")).as("never the web token").isNull();
            assertThat(zip.getEntry("groups/family/passwd")).as("never a link a sandbox planted").isNull();
            String env = new String(zip.getInputStream(zip.getEntry("config/env")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(env).contains("PINCER_DAILY_TOKENS=123456").doesNotContain("ANTHROPIC_API_KEY", Harness.API_KEY);
        }
        try (ZipFile zip = new ZipFile(outside.resolve("with-secrets.zip").toFile())) {
            String env = new String(zip.getInputStream(zip.getEntry("config/env")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(env).contains("ANTHROPIC_API_KEY=" + Harness.API_KEY);
            assertThat(zip.getEntry("data/web-token")).isNull();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(outside.resolve("with-secrets.zip")))).isEqualTo("rw-------");

        Map<String, String> env = Cli.stopped(other);
        Path restoredAllowlist = outside.resolve("b/mount-allowlist.json");
        env.put("PINCER_MOUNT_ALLOWLIST", restoredAllowlist.toString());
        Cli.Outcome restore = Cli.run(env, "restore", archive.toString());
        assertThat(restore.status()).as(restore.all()).isZero();
        assertThat(restore.out()).contains("Restored the backup of " + home, "2 groups", "group folders: family, global, main",
                "mount allowlist: written to " + restoredAllowlist, "The backup has no secrets");
        assertThat(restoredAllowlist).hasContent("{\"allowedRoots\": []}");
        assertThat(other.resolve(".env")).content().contains("PINCER_DAILY_TOKENS=123456").doesNotContain("ANTHROPIC_API_KEY");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(other.resolve(".env")))).isEqualTo("rw-------");

        Cli.Outcome twice = Cli.run(env, "restore", archive.toString());
        assertThat(twice.status()).isEqualTo(1);
        assertThat(twice.err()).startsWith("pincer: " + other + " already holds a Pincer (store/pincer.db, groups").contains("--force");

        try (Harness b = new Harness(other).start()) {
            assertThat(State.of(b)).isEqualTo(before);
            Path family = other.resolve("groups/family");
            assertThat(family.resolve("notes/list.md")).hasContent("- milk\n- bread\n");
            assertThat(Files.getPosixFilePermissions(family.resolve("tidy.sh"))).contains(PosixFilePermission.OWNER_EXECUTE)
                    .doesNotContain(PosixFilePermission.OTHERS_READ);
            assertThat(Files.exists(family.resolve("passwd"), LinkOption.NOFOLLOW_LINKS)).isFalse();
            assertThat(family.resolve("CLAUDE.md")).isRegularFile();
            b.model.respondWith(r -> Reply.text("Still here."));
            assertThat(b.awaitReply("family", b.post("family", "@Andy still there?"), Duration.ofSeconds(60)).get("text").asText())
                    .isEqualTo("Still here.");
        }

        try (Database inUse = Database.open(other.resolve("store/pincer.db"))) {
            Cli.Outcome locked = Cli.run(env, "restore", "--force", archive.toString());
            assertThat(locked.status()).isEqualTo(1);
            assertThat(locked.err()).startsWith("pincer: the store " + other.resolve("store/pincer.db") + " is in use");
        }
        Cli.Outcome forced = Cli.run(env, "restore", "--force", archive.toString());
        assertThat(forced.status()).as(forced.all()).isZero();
        assertThat(forced.out()).contains("moved the current store/pincer.db, groups, data/sessions aside to " + other.resolve("before-restore-"));
        try (var aside = Files.list(other)) {
            Path moved = aside.filter(p -> p.getFileName().toString().startsWith("before-restore-")).findFirst().orElseThrow();
            assertThat(moved.resolve("store/pincer.db")).isRegularFile();
            assertThat(moved.resolve("groups/family/notes/list.md")).isRegularFile();
        }
        assertThat(other.resolve("store/pincer.db")).isRegularFile();
    }

    @Test
    void whatIsNotAPincerBackupIsRefused() throws Exception {
        Path notZip = Files.writeString(outside.resolve("notes.zip"), "hello");
        Cli.Outcome o = Cli.run(Cli.stopped(other), "restore", notZip.toString());
        assertThat(o.status()).isEqualTo(1);
        assertThat(o.err()).startsWith("pincer: " + notZip + " is not a zip file");
        Cli.Outcome none = Cli.run(Cli.stopped(other), "backup", outside.resolve("x.zip").toString());
        assertThat(none.err()).isEqualTo("pincer: nothing to back up: there is no store at " + other.resolve("store/pincer.db") + "\n");
    }
}
