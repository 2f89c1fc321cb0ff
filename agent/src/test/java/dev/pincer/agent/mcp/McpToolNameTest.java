package dev.pincer.agent.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MCP tool names as the Messages API accepts them, and the command check before a server starts. */
class McpToolNameTest {

    @Test
    void namesAreSanitizedCutAndMadeUnique() {
        Set<String> taken = new HashSet<>();
        assertThat(McpTool.wireName("echo", "shout", taken)).isEqualTo("mcp__echo__shout");
        assertThat(McpTool.wireName("fs", "read.file/v2 ü", taken)).isEqualTo("mcp__fs__read_file_v2__");

        String longName = McpTool.wireName("server", "x".repeat(100), taken);
        assertThat(longName).hasSize(64).matches("[a-zA-Z0-9_-]{1,64}");
        taken.add(longName);
        String second = McpTool.wireName("server", "x".repeat(100), taken);
        assertThat(second).hasSize(64).endsWith("_2").isNotEqualTo(longName);
        taken.add(second);
        assertThat(McpTool.wireName("server", "x".repeat(100), taken)).endsWith("_3");
    }

    @Test
    void aCommandMustExistBeforeTheServerIsStarted(@TempDir Path dir) throws Exception {
        assertThat(McpConnection.resolveCommand("sh", dir, "/nowhere:/bin:/usr/bin")).isIn(Path.of("/bin/sh"), Path.of("/usr/bin/sh"));
        assertThatThrownBy(() -> McpConnection.resolveCommand("no-such-mcp", dir, "/bin:/usr/bin"))
                .hasMessageContaining("'no-such-mcp' is not on the PATH");
        Path script = Files.writeString(dir.resolve("server.sh"), "#!/bin/sh\n");
        assertThatThrownBy(() -> McpConnection.resolveCommand("./server.sh", dir, null))
                .hasMessageContaining("'./server.sh' does not exist or is not executable");
        script.toFile().setExecutable(true);
        assertThat(McpConnection.resolveCommand("./server.sh", dir, null)).isEqualTo(dir.resolve("./server.sh"));
    }
}
