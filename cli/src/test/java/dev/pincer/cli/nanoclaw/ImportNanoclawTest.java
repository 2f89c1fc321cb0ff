package dev.pincer.cli.nanoclaw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.cli.Main;
import dev.pincer.host.groups.GroupConfig;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.tasks.Task;
import dev.pincer.host.tasks.TaskStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./pincer import-nanoclaw} on a small NanoClaw-shaped install: its {@code store/messages.db}
 * (the v1 schema with the columns later versions added), its group folders and its mount allowlist.
 */
class ImportNanoclawTest {

    @TempDir Path nanoclaw;
    @TempDir Path home;
    @TempDir Path config;

    private record Outcome(int status, String out, String err) {}

    private Outcome pincer(String... args) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("PINCER_HOME", home.toString());
        env.put("TZ", "UTC");
        env.put("XDG_CONFIG_HOME", config.toString());
        env.put("PINCER_MOUNT_ALLOWLIST", config.resolve("pincer/mount-allowlist.json").toString());
        try (ServerSocket free = new ServerSocket(0)) {
            env.put("PINCER_WEB_PORT", String.valueOf(free.getLocalPort()));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(status, out.toString(), err.toString());
    }

    /** A NanoClaw v1 install as its own code leaves it (registered_groups, scheduled_tasks, messages; groups/). */
    private void nanoClawInstall() throws Exception {
        Files.createDirectories(nanoclaw.resolve("store"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + nanoclaw.resolve("store/messages.db"));
             Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE chats (jid TEXT PRIMARY KEY, name TEXT, last_message_time TEXT)");
            s.executeUpdate("CREATE TABLE messages (id TEXT, chat_jid TEXT, sender TEXT, sender_name TEXT, content TEXT,"
                    + " timestamp TEXT, is_from_me INTEGER, PRIMARY KEY (id, chat_jid))");
            s.executeUpdate("CREATE TABLE scheduled_tasks (id TEXT PRIMARY KEY, group_folder TEXT NOT NULL, chat_jid TEXT NOT NULL,"
                    + " prompt TEXT NOT NULL, schedule_type TEXT NOT NULL, schedule_value TEXT NOT NULL, next_run TEXT, last_run TEXT,"
                    + " last_result TEXT, status TEXT DEFAULT 'active', created_at TEXT NOT NULL, context_mode TEXT DEFAULT 'isolated',"
                    + " script TEXT)");
            s.executeUpdate("CREATE TABLE registered_groups (jid TEXT PRIMARY KEY, name TEXT NOT NULL, folder TEXT NOT NULL UNIQUE,"
                    + " trigger_pattern TEXT NOT NULL, added_at TEXT NOT NULL, container_config TEXT, requires_trigger INTEGER DEFAULT 1,"
                    + " is_main INTEGER DEFAULT 0)");
            s.executeUpdate("INSERT INTO registered_groups VALUES"
                    + " ('491701234567@s.whatsapp.net', 'Me', 'main', '@Andy', '2026-01-01T00:00:00Z', NULL, 0, 1),"
                    + " ('120363111111111111@g.us', 'Family', 'family', '@Andy', '2026-01-02T00:00:00Z',"
                    + "   '{\"additionalMounts\":[{\"hostPath\":\"~/photos\",\"containerPath\":\"photos\",\"readonly\":true}],\"timeout\":600000}', 1, 0),"
                    + " ('491709999999@s.whatsapp.net', 'Bob', 'Bob''s DM', '@Andy', '2026-01-03T00:00:00Z', NULL, 0, 0),"
                    + " ('tg:123456', 'Climbing', 'climbing', '@Andy', '2026-01-04T00:00:00Z', NULL, 1, 0),"
                    + " ('status@broadcast-x', 'Odd', 'odd', '@Andy', '2026-01-05T00:00:00Z', NULL, 1, 0)");
            s.executeUpdate("INSERT INTO scheduled_tasks (id, group_folder, chat_jid, prompt, schedule_type, schedule_value, status,"
                    + " created_at, context_mode, script) VALUES"
                    + " ('task-1', 'family', '120363111111111111@g.us', 'Plan the weekend', 'cron', '0 9 * * 6', 'active', '2026-01-02', 'group', NULL),"
                    + " ('task-2', 'main', '491701234567@s.whatsapp.net', 'Summarise my inbox', 'interval', '3600000', 'paused', '2026-01-02', NULL, NULL),"
                    + " ('task-3', 'family', '120363111111111111@g.us', 'Buy a cake', 'once', '2020-01-01T09:00:00', 'completed', '2026-01-02', 'group', NULL),"
                    + " ('task-4', 'climbing', 'tg:123456', 'Book the gym', 'once', '2020-01-01T09:00:00', 'active', '2026-01-02', 'group', NULL),"
                    + " ('task-5', 'Bob''s DM', '491709999999@s.whatsapp.net', 'Check the flights', 'cron', '0 8 * * *', 'active', '2026-01-02', 'isolated', 'echo {}'),"
                    + " ('task-6', 'odd', 'status@broadcast-x', 'Nothing', 'cron', '0 8 * * *', 'active', '2026-01-02', 'group', NULL)");
            s.executeUpdate("INSERT INTO messages VALUES ('m1', '120363111111111111@g.us', 'x', 'Anna', 'hi', '2026-01-02T10:00:00Z', 0),"
                    + " ('m2', '120363111111111111@g.us', 'y', 'Ben', 'hello', '2026-01-02T10:01:00Z', 0)");
        }
        write("groups/global/CLAUDE.md", "# Global\nThe family likes short answers.\n");
        write("groups/main/CLAUDE.md", "# Main\nMy name is Sam.\n");
        write("groups/family/CLAUDE.md", "# Family\nAnna is vegetarian.\n");
        write("groups/family/notes/recipes.md", "- lentil soup\n");
        write("groups/family/logs/container-2026.log", "container log\n");
        write("groups/Bob's DM/CLAUDE.md", "# Bob\nBob flies a lot.\n");
        write("groups/climbing/CLAUDE.md", "# Climbing\n");
        Files.createSymbolicLink(nanoclaw.resolve("groups/family/secrets"), Path.of("/etc"));
        Files.createDirectories(config.resolve("nanoclaw"));
        Files.writeString(config.resolve("nanoclaw/mount-allowlist.json"),
                "{\"allowedRoots\":[{\"path\":\"~/photos\",\"allowReadWrite\":false}],\"blockedPatterns\":[],\"nonMainReadOnly\":true}");
        Files.writeString(config.resolve("nanoclaw/sender-allowlist.json"), "{\"default\":{\"allow\":\"*\"}}");
    }

    private void write(String path, String text) throws Exception {
        Path p = nanoclaw.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void importsGroupsTasksFoldersAndTheAllowlistAndReportsTheRest() throws Exception {
        nanoClawInstall();
        Outcome o = pincer("import-nanoclaw", nanoclaw.toString());
        assertThat(o.status()).as(o.err()).isZero();

        try (Database db = Database.open(home.resolve("store/pincer.db"))) {
            GroupStore groups = new GroupStore(db);
            assertThat(groups.all()).extracting(Group::folder).containsExactlyInAnyOrder("main", "family", "bob-s-dm", "climbing");
            Group family = groups.byFolder("family").orElseThrow();
            assertThat(family.jid()).isEqualTo("wa:120363111111111111@g.us");
            assertThat(family.trigger()).isEqualTo(new Group.Trigger("@Andy", true));
            assertThat(GroupConfig.parse(family.config()).additionalMounts()).singleElement()
                    .isEqualTo(new GroupConfig.AdditionalMount("~/photos", "photos", true));
            Group bob = groups.byFolder("bob-s-dm").orElseThrow();
            assertThat(bob.jid()).isEqualTo("wa:491709999999@s.whatsapp.net");
            assertThat(bob.trigger().required()).isFalse();
            assertThat(groups.byFolder("climbing").orElseThrow().jid()).isEqualTo("tg:123456");
            assertThat(groups.main().orElseThrow().jid()).isEqualTo("web:main");

            List<Task> tasks = new TaskStore(db).list(Optional.empty());
            assertThat(tasks).extracting(t -> t.groupFolder() + " " + t.chatJid() + " " + t.status() + " " + t.spec().contextMode()
                    + " " + t.spec().prompt()).containsExactlyInAnyOrder(
                    "family wa:120363111111111111@g.us active group Plan the weekend",
                    "main web:main paused isolated Summarise my inbox",
                    "bob-s-dm wa:491709999999@s.whatsapp.net paused isolated Check the flights");
        }
        assertThat(home.resolve("groups/family/notes/recipes.md")).hasContent("- lentil soup");
        assertThat(home.resolve("groups/family/logs")).doesNotExist();
        assertThat(home.resolve("groups/family/secrets")).doesNotExist();
        assertThat(home.resolve("groups/family/CLAUDE.md")).content().contains("You are Andy", "## Imported from NanoClaw",
                "Anna is vegetarian.");
        assertThat(home.resolve("groups/main/CLAUDE.md")).content().contains("## Imported from NanoClaw", "My name is Sam.");
        assertThat(home.resolve("groups/global/CLAUDE.md")).content().contains("The family likes short answers.");
        assertThat(config.resolve("pincer/mount-allowlist.json")).content().contains("~/photos");

        assertThat(o.out()).contains("group Family: wa:120363111111111111@g.us → groups/family",
                "mount allowlist: " + config.resolve("nanoclaw/mount-allowlist.json"), "Not carried over:",
                "group Odd (odd): its chat id status@broadcast-x has no Pincer equivalent",
                "task task-6 (\"Nothing\"): its group odd was not imported",
                "task task-4 (\"Book the gym\"): ", "in the past",
                "task task-5 (\"Check the flights\"): its pre-task script is not run by Pincer; the task is paused",
                "1 finished task (completed or cancelled) was not carried over", "folder name 'Bob's DM' is not allowed in Pincer; it is 'bob-s-dm' now",
                "containerConfig.timeout", "main chat 491701234567@s.whatsapp.net", "2 messages of chat history",
                "sender allowlist", "1 symbolic links or special files in groups/family were left out");

        Outcome again = pincer("import-nanoclaw", nanoclaw.toString());
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).contains("already registered as group family", "already has this task");
        try (Database db = Database.open(home.resolve("store/pincer.db"))) {
            assertThat(new TaskStore(db).list(Optional.empty())).hasSize(3);
        }
        assertThat(Files.readString(home.resolve("groups/family/CLAUDE.md")).split("## Imported from NanoClaw", -1)).hasSize(2);
    }

    @Test
    void refusesWhatIsNoNanoClawV1Install() throws Exception {
        Outcome none = pincer("import-nanoclaw", nanoclaw.toString());
        assertThat(none.status()).isEqualTo(1);
        assertThat(none.err()).startsWith("pincer: no NanoClaw store at " + nanoclaw.resolve("store/messages.db"));
        Files.createDirectories(nanoclaw.resolve("data"));
        Files.writeString(nanoclaw.resolve("data/v2.db"), "");
        assertThat(pincer("import-nanoclaw", nanoclaw.toString()).err()).contains("this looks like NanoClaw v2");
        assertThat(ChatIds.pincer("120363@g.us")).contains("wa:120363@g.us");
        assertThat(ChatIds.pincer("dc:42")).contains("dc:42");
        assertThat(ChatIds.pincer("no id at all")).isEmpty();
    }
}
