package dev.pincer.host.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentOwnershipTest {
    @TempDir
    Path tmp;

    @Test
    void claimsTheSourceAndItsEntriesButNeverFollowsALink() throws Exception {
        assumeTrue(HostSystem.effectiveUid() == 0, "changing owners needs root");
        Path outside = Files.writeString(tmp.resolve("host-secret"), "s");
        Path group = Files.createDirectories(tmp.resolve("groups/family"));
        Path memory = Files.writeString(group.resolve("CLAUDE.md"), "m");
        Path deep = Files.writeString(Files.createDirectories(group.resolve("sub")).resolve("deep.txt"), "d");
        Path link = Files.createSymbolicLink(group.resolve("link"), outside);

        int changed = AgentOwnership.claim(group, 60000, 60001);

        assertThat(changed).isEqualTo(4); // group, CLAUDE.md, sub, link itself
        assertThat(uid(group)).isEqualTo(60000);
        assertThat(uid(memory)).isEqualTo(60000);
        assertThat(Files.getAttribute(memory, "unix:gid")).isEqualTo(60001);
        assertThat(uid(group.resolve("sub"))).isEqualTo(60000);
        assertThat(uid(deep)).as("entries below the first level are left alone").isZero();
        assertThat(uid(link)).isEqualTo(60000);
        assertThat(uid(outside)).as("the link's target is untouched").isZero();
        assertThat(AgentOwnership.claim(group, 60000, 60001)).isZero();
    }

    private static int uid(Path p) throws Exception {
        return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }
}
