package dev.pincer.host.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.protocol.IpcFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating a group's directories never follows a link a sandbox (or anyone) planted in their place. */
class GroupDirectoryLinksTest {

    @TempDir Path dir;

    @Test
    void aLinkPlantedAsAnIpcFolderIsReplacedNotFollowed() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        MountPlan.createGroupDirectories(home, "family");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path input = MountPlan.ipcDir(home, "family").resolve(IpcFiles.INPUT);
        Files.delete(input);
        Files.createSymbolicLink(input, outside); // what a sandbox can do: /workspace/ipc is writable inside

        MountPlan.createGroupDirectories(home, "family");

        assertThat(Files.isSymbolicLink(input)).isFalse();
        assertThat(input).isDirectory();
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void aLinkInPlaceOfAHostOwnedDirectoryIsRefusedAndNotChmodded() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(home.resolve("data/run"));
        Files.createSymbolicLink(home.resolve("data/run/family"), outside);
        assertThatThrownBy(() -> MountPlan.createGroupDirectories(home, "family")).hasMessageContaining("is a symlink");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(outside))).isEqualTo("rwxr-xr-x");

        Path home2 = Files.createDirectories(dir.resolve("home2"));
        Files.createDirectories(home2.resolve("groups"));
        Files.createSymbolicLink(home2.resolve("groups/family"), outside);
        assertThatThrownBy(() -> MountPlan.createGroupDirectories(home2, "family")).hasMessageContaining("is a symlink");
    }
}
