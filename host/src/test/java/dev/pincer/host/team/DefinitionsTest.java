package dev.pincer.host.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.host.config.Layout;
import dev.pincer.host.media.SandboxFiles;
import dev.pincer.protocol.AgentDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A teammate type's definition: the group's own file (read as the host reads any file of the group), else the global one. */
class DefinitionsTest {

    @TempDir Path home;
    @TempDir Path outside;
    Definitions definitions;
    Path agents;

    @BeforeEach
    void setUp() throws Exception {
        Layout layout = new Layout(home);
        definitions = new Definitions(layout, new SandboxFiles(layout));
        agents = Files.createDirectories(layout.groupDir("family").resolve("agents"));
    }

    @Test
    void aGroupFileReplacesTheGlobalTypeAndAnUnknownTypeIsEmpty() throws Exception {
        assertThat(definitions.find("family", "researcher")).get().extracting(AgentDefinition::isolation)
                .isEqualTo(AgentDefinition.Isolation.SANDBOX);
        Files.writeString(agents.resolve("researcher.md"), "---\nname: researcher\ndescription: ours\nisolation: shared\n---\nOurs.\n");

        assertThat(definitions.find("family", "researcher")).get().satisfies(d -> {
            assertThat(d.description()).isEqualTo("ours");
            assertThat(d.isolation()).isEqualTo(AgentDefinition.Isolation.SHARED);
        });
        assertThat(definitions.find("family", "nobody")).isEmpty();
        assertThat(home.resolve("data/team/family/staging")).as("the copy read is removed").isEmptyDirectory();
    }

    @Test
    void aLinkedOversizedOrBrokenDefinitionIsAClearErrorAndABadTypeNameIsRefused() throws Exception {
        Files.writeString(outside.resolve("spy.md"), "---\nname: spy\ndescription: host file\n---\nx\n");
        Files.createSymbolicLink(agents.resolve("spy.md"), outside.resolve("spy.md"));
        Files.writeString(agents.resolve("huge.md"), "---\nname: huge\ndescription: big\n---\n" + "x".repeat(Definitions.MAX_BYTES));
        Files.writeString(agents.resolve("broken.md"), "no frontmatter at all\n");

        assertThatThrownBy(() -> definitions.find("family", "spy")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agents/spy.md cannot be read").hasMessageContaining("link");
        assertThatThrownBy(() -> definitions.find("family", "huge")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agents/huge.md cannot be read");
        assertThatThrownBy(() -> definitions.find("family", "broken")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agents/broken.md");
        assertThatThrownBy(() -> definitions.find("family", "../../etc/passwd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("`type` must be");
    }
}
