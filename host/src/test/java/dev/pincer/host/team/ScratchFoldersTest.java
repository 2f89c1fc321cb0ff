package dev.pincer.host.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Earlier runs' scratch folders go when a new run starts teammates; homes, memory and links' targets stay. */
class ScratchFoldersTest {

    @TempDir Path team;
    @TempDir Path outside;

    @Test
    void oldScratchOfOtherRunsIsRemovedWithoutFollowingLinks() throws Exception {
        Files.writeString(outside.resolve("host.txt"), "host file");
        Path old = Files.createDirectories(team.resolve("run-old/scratch/deep"));
        Files.writeString(old.resolve("notes.md"), "old notes");
        Files.createSymbolicLink(team.resolve("run-old/scratch/link"), outside);
        Files.createDirectories(team.resolve("run-old/researcher-1/home"));
        Path active = Files.createDirectories(team.resolve("run-active/scratch"));
        Path recent = Files.createDirectories(team.resolve("run-recent/scratch"));
        Files.createDirectories(team.resolve("memory/researcher"));
        Instant longAgo = Instant.now().minusSeconds(3600);
        for (Path p : new Path[] {team.resolve("run-old/scratch"), active}) {
            Files.setLastModifiedTime(p, FileTime.from(longAgo));
        }

        ScratchFolders.pruneBut(team, Set.of("run-active"), Instant.now().minusSeconds(600));

        assertThat(team.resolve("run-old/scratch")).doesNotExist();
        assertThat(team.resolve("run-old/researcher-1/home")).as("transcripts stay with the run").isDirectory();
        assertThat(outside.resolve("host.txt")).as("a link's target is untouched").hasContent("host file");
        assertThat(active).as("a run still at work keeps its scratch").isDirectory();
        assertThat(recent).as("touched lately: kept").isDirectory();
        assertThat(team.resolve("memory/researcher")).isDirectory();
    }
}
