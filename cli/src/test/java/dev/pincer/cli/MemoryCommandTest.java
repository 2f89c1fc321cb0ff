package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.config.Layout;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.memory.MemoryIndex;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.MessageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./pincer memory search ...} against a real database, as the operator runs it while Pincer is stopped. */
class MemoryCommandTest {

    @TempDir Path home;

    private Cli.Outcome pincer(String... args) {
        return Cli.run(Map.of("PINCER_HOME", home.toString(), "TZ", "UTC"), args);
    }

    /** Two groups with a note each and a message each, indexed as the running host indexes them. */
    private void seed() throws Exception {
        Layout layout = new Layout(home);
        try (Database db = Database.open(layout.database())) {
            MessageStore messages = new MessageStore(db);
            GroupRegistry registry = new GroupRegistry(new GroupStore(db), layout, "Andy");
            registry.ensureDefaults();
            registry.register(new Group("family", "web:family", "Family", new Group.Trigger("@Andy", true), false, "{}"));
            MemoryIndex index = MemoryIndex.open(db, layout.groupsDir(), messages);
            Files.createDirectories(layout.groupDir("main").resolve("notes"));
            Files.writeString(layout.groupDir("main").resolve("notes/boat.md"), "# Mooring\n\nThe boat is moored at pier 7.\n");
            Files.createDirectories(layout.groupDir("family").resolve("notes"));
            Files.writeString(layout.groupDir("family").resolve("notes/boat.md"), "The family boat is red.\n");
            messages.append("web:family", "web", "Family", "f1", "Sam", "Can we take the boat on Sunday?", false,
                    Instant.parse("2026-12-02T10:00:00Z"));
            index.refresh("main");
            index.refresh("family");
        }
    }

    @Test
    void searchesEveryGroupOrOneWithALimit() throws Exception {
        seed();
        Cli.Outcome all = pincer("memory", "search", "boat");
        assertThat(all.status()).as(all.err()).isZero();
        assertThat(all.out().lines().findFirst().orElseThrow()).startsWith("SCORE").contains("SOURCE", "WHERE", "SNIPPET");
        assertThat(all.out()).contains("groups/main/notes/boat.md:3", "groups/family/notes/boat.md:1",
                "web:family #1 2026-12-02 10:00 Sam", "The **boat** is moored at pier 7", "Ranked by bm25");

        Cli.Outcome family = pincer("memory", "search", "boat", "--group", "family");
        assertThat(family.out()).contains("groups/family/notes/boat.md:1", "web:family #1").doesNotContain("groups/main/");

        Cli.Outcome one = pincer("memory", "search", "boat", "--limit", "1");
        assertThat(one.out().lines().filter(l -> l.contains("boat.md") || l.contains("web:family"))).hasSize(1);

        assertThat(pincer("memory", "search", "unicorn").out()).contains("Nothing found.");
    }

    @Test
    void mistakesAreExplained() throws Exception {
        assertThat(pincer("memory", "search", "boat").out()).contains("no database");
        seed();
        Cli.Outcome unknown = pincer("memory", "search", "boat", "--group", "nobody");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).contains("no group uses folder 'nobody'");
        Cli.Outcome noWords = pincer("memory", "search", "\" - *");
        assertThat(noWords.status()).isEqualTo(1);
        assertThat(noWords.err()).contains("no words");
        assertThat(pincer("memory", "search", "boat", "--limit", "99").err()).contains("limit must be from 1 to 50");
    }
}
