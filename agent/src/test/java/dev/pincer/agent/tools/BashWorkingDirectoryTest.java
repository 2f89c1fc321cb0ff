package dev.pincer.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bash's working directory persists between the calls of a run. */
class BashWorkingDirectoryTest {
    @TempDir
    Path dir;
    @TempDir
    Path elsewhere;
    BashTool bash;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(dir.resolve("sub/deeper"));
        bash = new BashTool(dir, Map.of("PATH", "/usr/bin:/bin"), Duration.ofSeconds(20), Duration.ofSeconds(30));
    }

    private ToolResult run(String command) throws Exception {
        return bash.execute(Json.MAPPER.valueToTree(Map.of("command", command)));
    }

    private ToolResult run(String command, long timeoutMillis) throws Exception {
        return bash.execute(Json.MAPPER.valueToTree(Map.of("command", command, "timeout", timeoutMillis)));
    }

    @Test
    void aCdCarriesOverToTheNextCall() throws Exception {
        assertThat(run("pwd").content()).isEqualTo(dir.toRealPath().toString());

        run("cd sub");
        assertThat(run("pwd").content()).isEqualTo(dir.resolve("sub").toRealPath().toString());

        run("cd deeper && echo in-deeper > here.txt");
        assertThat(dir.resolve("sub/deeper/here.txt")).hasContent("in-deeper");
        assertThat(bash.workingDirectory()).isEqualTo(dir.resolve("sub/deeper").toRealPath());
    }

    @Test
    void aCdOutsideTheWorkspaceIsAllowed() throws Exception {
        run("cd " + elsewhere);

        assertThat(run("pwd; ls").content()).isEqualTo(elsewhere.toRealPath().toString());
    }

    @Test
    void theDirectoryIsKeptWhenTheCommandFailsOrExits() throws Exception {
        ToolResult failed = run("cd sub && false");
        assertThat(failed.isError()).isTrue();
        assertThat(run("pwd").content()).endsWith("/sub");

        ToolResult exited = run("cd deeper; exit 4");
        assertThat(exited.content()).contains("Exit code: 4");
        assertThat(run("pwd").content()).endsWith("/sub/deeper");
    }

    @Test
    void aTimedOutCommandLeavesTheDirectoryAsItWas() throws Exception {
        run("cd sub");

        ToolResult r = run("cd deeper; sleep 10", 300);

        assertThat(r.content()).contains("timed out after 300 ms");
        assertThat(run("pwd").content()).endsWith("/sub");
    }

    @Test
    void aConcurrentCallThatDoesNotCdKeepsTheOtherCallsChange() throws Exception {
        Thread slow = Thread.ofVirtual().start(() -> {
            try {
                run("sleep 0.5; echo slow");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(100);
        run("cd sub");
        slow.join();

        assertThat(run("pwd").content()).endsWith("/sub");
    }

    @Test
    void aDeletedDirectoryResetsTheShellToTheWorkspace() throws Exception {
        run("cd sub/deeper");
        Files.delete(dir.resolve("sub/deeper"));

        ToolResult r = run("pwd");

        assertThat(r.isError()).isFalse();
        assertThat(r.content()).startsWith("(The working directory " + dir.resolve("sub/deeper"))
                .contains("was reset to " + dir).endsWith(dir.toRealPath().toString());
    }

    @Test
    void leavesNoTempFilesBehind() throws Exception {
        long before = cwdFiles();

        run("cd sub");
        run("cd " + elsewhere);
        run("exit 1");

        assertThat(cwdFiles()).isEqualTo(before);
    }

    private static long cwdFiles() throws Exception {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("pincer-cwd-")).count();
        }
    }
}
