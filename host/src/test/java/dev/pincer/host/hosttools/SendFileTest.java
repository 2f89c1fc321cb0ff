package dev.pincer.host.hosttools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.store.Group;
import dev.pincer.host.store.OutboxStore;
import dev.pincer.protocol.HostResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code send_file} through real request files: a file of the group's folder or its inbox is kept in
 * the group's media and queued; a path that leaves the group, passes a link the agent planted, names
 * a folder or a host secret, or is over the size limit is refused with a reason, audited, and nothing
 * is queued.
 */
class SendFileTest {

    @TempDir Path home;
    HostIpcFixture host;
    Path group;

    @BeforeEach
    void start() throws Exception {
        host = new HostIpcFixture(home);
        host.serve("family", 100);
        group = home.resolve("groups/family");
        Files.createDirectories(group);
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private HostResponse send(String path) throws Exception {
        return host.call("family", "send_file", Map.of("path", path));
    }

    private void assertRefused(HostResponse r, String reason) {
        assertThat(r).isInstanceOfSatisfying(HostResponse.Error.class, e -> assertThat(e.reason()).contains(reason));
        assertThat(host.outbox.pending(10)).as("nothing queued").isEmpty();
        assertThat(host.audit.recent(1).getFirst().verdict()).isEqualTo("invalid");
    }

    @Test
    void aFileOfTheGroupIsKeptAsItWasAndQueuedWithItsTypeAndCaption() throws Exception {
        Files.createDirectories(group.resolve("out"));
        Files.write(group.resolve("out/chart.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});

        HostResponse r = host.call("family", "send_file", Map.of("path", "out/chart.png", "caption", "the chart"));

        assertThat(HostIpcFixture.data(r).path("name").asText()).isEqualTo("chart.png");
        OutboxStore.Pending p = host.outbox.pending(10).getFirst();
        assertThat(p.chatJid()).isEqualTo("web:family");
        assertThat(p.text()).isEqualTo("the chart");
        assertThat(p.body().file()).satisfies(f -> {
            assertThat(f.mimeType()).isEqualTo("image/png");
            assertThat(f.size()).isEqualTo(7);
            assertThat(f.image()).isTrue();
        });
        Files.writeString(group.resolve("out/chart.png"), "changed after the call");
        assertThat(host.layout.mediaDir("family").resolve(p.body().file().path()))
                .as("the queued copy is what the file was at the call").hasBinaryContent(
                        new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    }

    @Test
    void aFileOfTheInboxCanBeSentBack() throws Exception {
        Path month = Files.createDirectories(host.layout.mediaDir("family").resolve("2026-12"));
        Files.writeString(month.resolve("abc-menu.pdf"), "%PDF-1.4 menu");

        assertThat(send("/workspace/group/inbox/2026-12/abc-menu.pdf")).isInstanceOf(HostResponse.Ok.class);

        assertThat(host.outbox.pending(10).getFirst().body().file().mimeType()).isEqualTo("application/pdf");
    }

    @Test
    void pathsOutsideTheGroupAreRefused() throws Exception {
        assertRefused(send("/etc/passwd"), "only files under /workspace/group");
        assertRefused(send("/workspace/group/../../etc/passwd"), "'..'");
        assertRefused(send("../family/x"), "'..'");
        assertRefused(send("/workspace/global/CLAUDE.md"), "only files under /workspace/group");
        assertRefused(send("/workspace/group/"), "is a folder");
    }

    @Test
    void aLinkTheAgentPlantedIsNotFollowedAnywhereOnThePath() throws Exception {
        Path secret = Files.writeString(home.resolve("secret.env"), "ANTHROPIC_API_KEY=sk-real");
        Files.createSymbolicLink(group.resolve("report.pdf"), secret);
        Files.createSymbolicLink(group.resolve("dir"), home);

        assertRefused(send("/workspace/group/report.pdf"), "symbolic link");
        assertRefused(send("/workspace/group/dir/secret.env"), "symbolic link");
    }

    @Test
    void foldersMissingFilesAndTooLargeFilesAreRefused() throws Exception {
        Files.createDirectories(group.resolve("out"));
        Files.write(group.resolve("big.bin"), new byte[(int) HostIpcFixture.MAX_FILE_BYTES + 1]);

        assertRefused(send("out"), "not a regular file");
        assertRefused(send("nothing-here.txt"), "there is no file");
        assertRefused(send("big.bin"), "larger than the limit");
        assertThat(Files.list(home.resolve("data/media-staging"))).as("no copy is left behind").isEmpty();
    }

    @Test
    void aChatWhoseAppTakesNoFilesIsToldSo() throws Exception {
        host.registry.register(new Group("sms", HostIpcFixture.NO_FILES + "555", "SMS", new Group.Trigger("@Andy", false), false, "{}"));
        host.serve("sms", 100);
        Files.writeString(home.resolve("groups/sms/a.txt"), "x");

        HostResponse r = host.call("sms", "send_file", Map.of("path", "a.txt"));

        assertThat(r).isInstanceOfSatisfying(HostResponse.Error.class, e -> assertThat(e.reason()).contains("cannot receive files"));
        assertThat(host.outbox.pending(10)).isEmpty();
    }
}
