package dev.pincer.host.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.host.config.Layout;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default {@code CLAUDE.md} is written into folders sandboxes can write, so a link planted
 * there must never be followed: the host neither writes through it nor replaces it.
 */
class GroupRegistryLinksTest {

    @TempDir Path dir;

    private static Group group(String folder) {
        return new Group(folder, "web:" + folder, folder, new Group.Trigger("@Andy", true), false, "{}");
    }

    @Test
    void aPlantedDanglingMemoryLinkIsNotFollowed() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path victim = dir.resolve("victim.txt"); // does not exist: a plain write would create it through the link
        Files.createDirectories(home.resolve("groups/global"));
        Files.createSymbolicLink(home.resolve("groups/global/CLAUDE.md"), victim);
        Files.createDirectories(home.resolve("groups/family"));
        Files.createSymbolicLink(home.resolve("groups/family/CLAUDE.md"), dir.resolve("victim2.txt"));
        try (Database db = Database.open(dir.resolve("p.db"))) {
            GroupRegistry registry = new GroupRegistry(new GroupStore(db), new Layout(home), "Andy");
            registry.ensureDefaults();
            registry.register(group("family"));
        }
        assertThat(victim).doesNotExist();
        assertThat(dir.resolve("victim2.txt")).doesNotExist();
        assertThat(Files.isSymbolicLink(home.resolve("groups/global/CLAUDE.md"))).as("left as it was").isTrue();
        assertThat(home.resolve("groups/main/CLAUDE.md")).as("main's memory is written normally").isRegularFile();
    }

    @Test
    void aGroupFolderThatIsALinkIsRefusedAndNothingIsWrittenThroughIt() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createDirectories(home.resolve("groups"));
        Files.createSymbolicLink(home.resolve("groups/family"), outside);
        try (Database db = Database.open(dir.resolve("p.db"))) {
            GroupStore store = new GroupStore(db);
            GroupRegistry registry = new GroupRegistry(store, new Layout(home), "Andy");
            assertThatThrownBy(() -> registry.register(group("family"))).hasMessageContaining("is a symlink");
            assertThat(store.byFolder("family")).as("no row without its folder").isEmpty();
        }
        assertThat(outside.resolve("CLAUDE.md")).doesNotExist();
        assertThat(Files.exists(home.resolve("groups/family/CLAUDE.md"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }
}
