package dev.pincer.host.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.host.config.Layout;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-group disk quota: what counts, the message, and a walk that stays cheap. */
class GroupDiskTest {
    @TempDir
    Path home;

    private Layout layout() throws Exception {
        MountPlan.createGroupDirectories(home, "family");
        return new Layout(home);
    }

    private static void file(Path p, long bytes) throws Exception {
        Files.createDirectories(p.getParent());
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(bytes); // sparse: apparent size counts, so a sparse file cannot hide
        }
    }

    @Test
    void everyWritableFolderOfTheGroupCountsAndTheMessageSaysWhatToDo() throws Exception {
        Layout l = layout();
        file(home.resolve("groups/family/big.bin"), 3L << 20);
        file(home.resolve("data/sessions/family/.cache/x"), 3L << 20);
        GroupDisk.check(l, "family", 10); // 6 MB of 10: fine
        file(home.resolve("data/ipc/family/output/y"), 5L << 20);
        assertThatThrownBy(() -> GroupDisk.check(l, "family", 10))
                .isInstanceOf(GroupDisk.QuotaExceededException.class)
                .hasMessageContaining("the group's folders (groups/family, data/sessions/family, data/ipc/family, data/run/family)")
                .hasMessageMatching("(?s).* use (more than )?1\\d MB of its 10 MB; delete files or raise PINCER_GROUP_DISK_MB");
        GroupDisk.check(l, "family", 0); // 0: no quota
        GroupDisk.check(l, "other", 1); // another group's files are not this one's
    }

    @Test
    void linksAreNotFollowedAndTheWalkStopsOnceOverTheLimit() throws Exception {
        Layout l = layout();
        Path outside = home.resolve("outside/huge.bin");
        file(outside, 50L << 20);
        Files.createSymbolicLink(home.resolve("groups/family/link-to-huge"), outside);
        Files.createSymbolicLink(home.resolve("groups/family/link-to-dir"), outside.getParent());
        GroupDisk.check(l, "family", 1);

        for (int i = 0; i < 50; i++) {
            file(home.resolve("groups/family/f" + i), 1L << 20);
        }
        GroupDisk.Usage u = GroupDisk.measure(GroupDisk.writableFolders(l, "family"), 5L << 20, GroupDisk.MAX_ENTRIES);
        assertThat(u.complete()).isFalse();
        assertThat(u.entries()).isLessThan(20);
    }

    @Test
    void tooManyEntriesCountAsOverTheQuota() throws Exception {
        Layout l = layout();
        for (int i = 0; i < 30; i++) {
            Files.createFile(home.resolve("groups/family/e" + i));
        }
        GroupDisk.Usage u = GroupDisk.measure(List.of(l.groupDir("family")), Long.MAX_VALUE, 10);
        assertThat(u.entries()).isEqualTo(11);
        assertThat(u.complete()).isFalse();
    }
}
