package dev.pincer.host.sandbox.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.host.sandbox.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both cgroup mechanisms create a sandbox's cgroup under each parent and take them back when its limits cannot be written. */
class CgroupMechanismTest {
    @TempDir
    Path tmp;

    @Test
    void eachParentGetsTheSandboxsCgroupAndAFailedWriteRemovesThemAll() throws IOException {
        // plain folders: the control files a kernel would show are missing, so writing the first limit fails
        List<Path> parents = List.of(Files.createDirectory(tmp.resolve("memory")), Files.createDirectory(tmp.resolve("pids")),
                Files.createDirectory(tmp.resolve("cpu")));
        CgroupV1 v1 = new CgroupV1(parents.get(0), parents.get(1), parents.get(2));
        CgroupV2 v2 = new CgroupV2(parents.get(0));
        assertThat(v1.parents()).isEqualTo(parents);
        assertThat(v2.parents()).containsExactly(parents.get(0));
        for (CgroupMechanism m : List.of(v1, v2)) {
            assertThat(m.capsSandbox()).isTrue();
            assertThatThrownBy(() -> m.apply("pincer-test-1", Limits.DEFAULT, Duration.ofSeconds(10)))
                    .isInstanceOf(IOException.class).hasMessageContaining(parents.get(0).resolve("pincer-test-1").toString());
            for (Path parent : parents) {
                assertThat(parent.resolve("pincer-test-1")).doesNotExist();
            }
        }
    }
}
