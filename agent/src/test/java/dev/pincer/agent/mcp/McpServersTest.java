package dev.pincer.agent.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.protocol.McpServerSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Servers that never answer are given up on after the initialize timeout, and stopped. */
class McpServersTest {

    @Test
    void aServerThatNeverAnswersTimesOutAndIsStopped(@TempDir Path dir) throws Exception {
        long t0 = System.nanoTime();
        try (McpServers servers = McpServers.start(Map.of("silent", new McpServerSpec("sleep", List.of("120"), null)),
                dir, Map.of("PATH", "/usr/bin:/bin"), Duration.ofSeconds(1), Duration.ofSeconds(5))) {
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(10));
            assertThat(servers.tools()).isEmpty();
            assertThat(servers.failures()).singleElement().satisfies(f -> {
                assertThat(f.server()).isEqualTo("silent");
                assertThat(f.reason()).contains("within");
                assertThat(f.chatMessage()).startsWith("The MCP server 'silent' could not start: ");
            });
        }
        assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("sleep 120")).toList())
                .as("the process of a server that failed is stopped").isEmpty();
    }

    @Test
    void noServersStartNothing(@TempDir Path dir) throws Exception {
        try (McpServers servers = McpServers.start(Map.of(), dir, Map.of(), Duration.ofSeconds(1), Duration.ofSeconds(1))) {
            assertThat(servers.tools()).isEmpty();
            assertThat(servers.failures()).isEmpty();
        }
    }
}
