package dev.pincer.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class FileErrorsTest {

    @Test
    void aReadOnlyMountIsNamedAsSuch() {
        String m = FileErrors.describe("write", "/usr/x", new FileSystemException("/usr/x", null, "Read-only file system"));

        assertThat(m).isEqualTo("Cannot write /usr/x: /usr/x is on a read-only file system (EROFS). This location is "
                + "mounted read-only in the sandbox; write inside the workspace instead.");
    }

    @Test
    void missingAndForbiddenPathsSaySo() {
        assertThat(FileErrors.describe("write", "/work/a/b", new AccessDeniedException("/work")))
                .isEqualTo("Cannot write /work/a/b: permission denied on /work. This location is not writable in the "
                        + "sandbox; use the workspace instead.");
        assertThat(FileErrors.describe("read", "/root/.env", new NoSuchFileException("/root/.env")))
                .isEqualTo("Cannot read /root/.env: /root/.env does not exist in the sandbox.");
    }
}
