package dev.pincer.host.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.host.config.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A teammate's memory folder is lent out of the group folder (which the group's sandbox writes) into
 * a host-only folder before it is bound, and never through a link the sandbox planted.
 */
class MemoryFoldersTest {

    @TempDir Path home;
    @TempDir Path outside;
    Layout layout;
    MemoryFolders memory;
    Path agents;

    @BeforeEach
    void setUp() throws Exception {
        layout = new Layout(home);
        memory = new MemoryFolders(layout);
        agents = Files.createDirectories(layout.groupDir("family").resolve("agents"));
    }

    @Test
    void theFolderIsMovedToAHostOnlyPlaceWhileLentAndBackAfterTheLastTeammate() throws Exception {
        Files.createDirectories(agents.resolve("researcher"));
        Files.writeString(agents.resolve("researcher/MEMORY.md"), "knows the garden\n");

        Path lent = memory.lend("family", "researcher");
        assertThat(lent).isEqualTo(home.resolve("data/team/family/memory/researcher"));
        assertThat(lent.resolve("MEMORY.md")).hasContent("knows the garden");
        assertThat(agents.resolve("researcher")).as("not in the group folder while lent").doesNotExist();

        assertThat(memory.lend("family", "researcher")).as("a second teammate of the type shares it").isEqualTo(lent);
        Files.writeString(lent.resolve("MEMORY.md"), "knows the garden\nand the roses\n");
        memory.giveBack("family", "researcher");
        assertThat(agents.resolve("researcher")).as("still lent to the other teammate").doesNotExist();
        memory.giveBack("family", "researcher");

        assertThat(agents.resolve("researcher/MEMORY.md")).hasContent("knows the garden\nand the roses");
        assertThat(lent).doesNotExist();
    }

    @Test
    void aTypeWithoutMemoryGetsAnEmptyFolderThatIsKeptAfterwards() throws Exception {
        Path lent = memory.lend("family", "writer");
        assertThat(lent).isEmptyDirectory();
        Files.writeString(lent.resolve("MEMORY.md"), "first note\n");
        memory.giveBack("family", "writer");
        assertThat(agents.resolve("writer/MEMORY.md")).hasContent("first note");
    }

    @Test
    void aLinkPlantedAsTheMemoryFolderIsNeverFollowed() throws Exception {
        Files.writeString(outside.resolve("secret.txt"), "host secret");
        Files.createSymbolicLink(agents.resolve("researcher"), outside);

        assertThatThrownBy(() -> memory.lend("family", "researcher")).isInstanceOf(MemoryFolders.Unusable.class)
                .hasMessageContaining("a link");
        assertThat(outside.resolve("secret.txt")).as("the link's target is untouched").hasContent("host secret");
        assertThat(Files.isSymbolicLink(agents.resolve("researcher"))).isTrue();
        assertThat(home.resolve("data/team/family/memory/researcher")).doesNotExist();
    }

    @Test
    void aLinkPlantedAsTheAgentsFolderIsNeverFollowed() throws Exception {
        Files.delete(agents);
        Files.createDirectories(outside.resolve("researcher"));
        Files.createSymbolicLink(agents, outside);

        assertThatThrownBy(() -> memory.lend("family", "researcher")).isInstanceOf(MemoryFolders.Unusable.class)
                .hasMessageContaining("agents/");
        assertThat(outside.resolve("researcher")).as("not moved out of the link's target").isDirectory();
    }

    @Test
    void aFolderTheGroupMadeMeanwhileIsMovedAsideNotLost() throws Exception {
        Files.createDirectories(agents.resolve("researcher"));
        Path lent = memory.lend("family", "researcher");
        Files.writeString(lent.resolve("MEMORY.md"), "the teammate's\n");
        Files.createDirectories(agents.resolve("researcher"));
        Files.writeString(agents.resolve("researcher/MEMORY.md"), "the group's\n");

        memory.giveBack("family", "researcher");

        assertThat(agents.resolve("researcher/MEMORY.md")).hasContent("the teammate's");
        try (var s = Files.list(agents)) {
            assertThat(s.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("researcher.replaced-"));
        }
    }
}
