package dev.pincer.agent.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryFenceTest {
    @TempDir
    Path group;

    @Test
    void onlyItsOwnFolderUnderAgentsIsOpen() {
        MemoryFence fence = new MemoryFence(group.resolve("agents"), "critic", group);
        assertThat(fence.closes(group.resolve("agents/writer/MEMORY.md").toString())).isTrue();
        assertThat(fence.closes("agents/writer/MEMORY.md")).as("relative to the working directory").isTrue();
        assertThat(fence.closes("agents/critic/../writer/MEMORY.md")).as("normalised first").isTrue();
        assertThat(fence.closes("agents/critic.md")).as("definitions too").isTrue();
        assertThat(fence.closes("agents/critical/MEMORY.md")).as("a name that starts like its own").isTrue();
        assertThat(fence.closes("agents/critic/MEMORY.md")).isFalse();
        assertThat(fence.closes("agents")).as("the folder itself: its listing is filtered").isFalse();
        assertThat(fence.closes("notes/todo.md")).isFalse();
        assertThat(fence.ownFolder()).isEqualTo(group.resolve("agents/critic"));
    }

    @Test
    void aLinkIntoAnotherTypesFolderIsClosedByItsRealPath() throws Exception {
        Files.createDirectories(group.resolve("agents/writer"));
        Files.createSymbolicLink(group.resolve("notes"), group.resolve("agents/writer"));
        MemoryFence fence = new MemoryFence(group.resolve("agents"), "critic", group);
        assertThat(fence.closes("notes/MEMORY.md")).isTrue();
        assertThat(fence.closes("notes/not-yet-written.md")).isTrue();
    }

    @Test
    void resultLinesNamingAClosedPathAreLeftOut() {
        MemoryFence fence = new MemoryFence(group.resolve("agents"), "critic", group);
        String a = group.resolve("agents") + "/";
        String text = a + "critic/MEMORY.md:1:mine\n" + a + "writer/MEMORY.md:1:theirs\n" + group + "/notes.md:2:see "
                + a + "writer.md\n" + group + "/plan.md:3:plain\n" + a + "critic";
        assertThat(fence.filter(text)).isEqualTo(a + "critic/MEMORY.md:1:mine\n" + group + "/plan.md:3:plain\n" + a + "critic");
    }
}
