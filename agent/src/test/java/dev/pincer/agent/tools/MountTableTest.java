package dev.pincer.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountTableTest {
    @TempDir
    Path dir;

    /**
     * Mounts like bwrap's: a tmpfs root, /usr read-only, a second tmpfs (like the sandbox's
     * /tmp, here at /usr/share: it must exist on the test machine and must not hold the test's
     * temp dir) and {@code workspace} bound from the host.
     */
    private static MountTable sandbox(Path workspace) {
        return MountTable.parse("""
                64 42 0:39 /newroot / rw,nosuid,nodev,relatime - tmpfs tmpfs rw
                65 64 254:0 /usr /usr ro,nosuid,nodev,relatime - ext4 /dev/vda rw
                66 64 0:21 / /proc rw,nosuid,nodev,relatime - proc proc rw
                77 64 0:42 / /usr/share rw,nosuid,nodev,relatime - tmpfs tmpfs rw,mode=755
                78 64 254:0 /srv/x WORKSPACE rw,nosuid,nodev,relatime - ext4 /dev/vda rw
                79 64 254:0 /srv/y /with\\040space rw,relatime shared:1 - ext4 /dev/vda rw
                """.replace("WORKSPACE", workspace.toString()));
    }

    @Test
    void parsesMountPointsAndTypes() {
        MountTable t = sandbox(Path.of("/workspace/group"));

        assertThat(t.mounts()).hasSize(6);
        assertThat(t.mountOf(Path.of("/workspace/group/notes/a.md")).orElseThrow())
                .isEqualTo(new MountTable.Mount(Path.of("/workspace/group"), "ext4"));
        assertThat(t.mountOf(Path.of("/with space/f")).orElseThrow().mountPoint()).isEqualTo(Path.of("/with space"));
        assertThat(t.mountOf(Path.of("/workspace")).orElseThrow().mountPoint()).isEqualTo(Path.of("/"));
    }

    @Test
    void pathsOnTheRootTmpfsAreAProblemAndMountedFoldersAreNot() throws Exception {
        Path real = dir.toRealPath();
        MountTable t = sandbox(real);

        assertThat(t.throwawayRootProblem(real.resolve("new/deeper/file.txt"))).isEmpty();
        assertThat(t.throwawayRootProblem(Path.of("/usr/share/no-such-dir/scratch.txt"))).as("another tmpfs").isEmpty();
        assertThat(t.throwawayRootProblem(Path.of("/no-such-top-folder/a/b.txt")))
                .contains("/no-such-top-folder does not exist in the sandbox (host paths are not visible here)");

        MountTable unmounted = sandbox(Path.of("/elsewhere"));
        Path existing = Files.writeString(real.resolve("on-root.txt"), "x");
        assertThat(unmounted.throwawayRootProblem(existing))
                .contains(existing + " is on the sandbox's temporary root file system, outside the mounted folders");
        assertThat(unmounted.throwawayRootProblem(real.resolve("sub/x.txt")))
                .contains(real.resolve("sub") + " does not exist in the sandbox (host paths are not visible here)");
    }

    @Test
    void outsideASandboxNothingIsRefused() {
        MountTable host = MountTable.parse("22 1 0:20 / / rw,relatime - overlay overlay rw\n");

        assertThat(host.throwawayRootProblem(Path.of("/no-such-top-folder/a.txt"))).isEmpty();
        assertThat(new MountTable(java.util.List.of()).throwawayRootProblem(Path.of("/x"))).isEmpty();
    }

    @Test
    void writeAndEditRefuseTheThrowawayRootAndCreateNothing() throws Exception {
        Path real = dir.toRealPath();
        MountTable unmounted = sandbox(Path.of("/elsewhere"));
        Path target = real.resolve("lost/x.txt");

        ToolResult w = new WriteTool(new FileChanges(() -> unmounted, new FileLocks())).execute(Json.MAPPER.valueToTree(
                Map.of("file_path", target.toString(), "content", "data")));
        ToolResult e = new EditTool(new FileChanges(() -> unmounted, new FileLocks())).execute(Json.MAPPER.valueToTree(
                Map.of("file_path", target.toString(), "old_string", "", "new_string", "data")));

        assertThat(w.isError()).isTrue();
        assertThat(w.content()).isEqualTo("Cannot write " + target + ": " + real.resolve("lost")
                + " does not exist in the sandbox (host paths are not visible here). Anything written outside the "
                + "mounted folders is lost when the run ends; write inside the workspace instead.");
        assertThat(e.isError()).isTrue();
        assertThat(e.content()).startsWith("Cannot edit " + target + ": ");
        assertThat(real.resolve("lost")).doesNotExist();
    }
}
