package dev.pincer.host.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.sandbox.ExtraMounts;
import dev.pincer.host.sandbox.MountAllowlist;
import dev.pincer.host.sandbox.MountPlan;
import dev.pincer.host.sandbox.PincerHomeFixture;
import dev.pincer.host.sandbox.SandboxSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Extra mounts in a real bwrap sandbox: what the allowlist grants is there, read-only unless
 * granted otherwise; links inside it do not lead out; the allowlist itself is nowhere inside.
 */
class ExtraMountsSandboxTest extends RealBwrapTest {
    static final String OUTSIDE_SECRET = "FAKE-outside-secret-31337";
    static final String ALLOWLIST_MARKER = "ALLOWLIST-MARKER-in-sandbox-test";

    Path user;
    Path project;
    Path allowlistFile;

    @BeforeEach
    void userFiles() throws Exception {
        user = Files.createDirectories(tmp.resolve("user"));
        project = Files.createDirectories(user.resolve("projects/site"));
        Files.writeString(project.resolve("README.txt"), "site readme\n");
        Files.writeString(tmp.resolve("host-secret.txt"), OUTSIDE_SECRET);
        Files.createSymbolicLink(project.resolve("abs-link"), tmp.resolve("host-secret.txt"));
        Files.createSymbolicLink(project.resolve("rel-link"), Path.of("../../../host-secret.txt"));
        Files.createSymbolicLink(project.resolve("dir-link"), tmp);
        allowlistFile = user.resolve(".config/pincer/mount-allowlist.json");
        Files.createDirectories(allowlistFile.getParent());
        Files.writeString(allowlistFile, """
                {"allowedRoots": [{"path": "~/projects", "allowReadWrite": true, "description": "%s"}],
                 "nonMainReadOnly": true}
                """.formatted(ALLOWLIST_MARKER));
    }

    private PincerHomeFixture.Result sh(String folder, boolean main, boolean readOnly, String script) throws Exception {
        ExtraMounts.Result granted = ExtraMounts.validate(List.of(new ExtraMounts.Request("~/projects/site", "site", readOnly)),
                MountAllowlist.load(allowlistFile, user, fx.home), fx.home, user, main);
        assertThat(granted.rejections()).isEmpty();
        MountPlan plan = MountPlan.forGroup(fx.home, folder, main, fx.agentJar, PincerHomeFixture.JAVA_HOME, granted.mounts());
        return fx.run(SandboxSpec.of(plan, List.of("/bin/bash", "-c", script), PincerHomeFixture.env(), Duration.ofSeconds(30),
                fx.logs.resolve(folder + "-" + System.nanoTime() + ".log")));
    }

    @Test
    void anAllowedDirectoryIsReadableAtWorkspaceExtraAndReadOnlyForNonMain() throws Exception {
        var r = sh("family", false, false, """
                cat /workspace/extra/site/README.txt
                echo x > /workspace/extra/site/new.txt 2>&1; echo "write=$?"
                touch /workspace/extra/site/README.txt 2>&1 | grep -o 'Read-only file system' | head -1
                """);
        assertThat(r.output()).contains("site readme").contains("write=1").contains("Read-only file system");
        assertThat(project.resolve("new.txt")).doesNotExist();
    }

    @Test
    void mainMayWriteWhenTheRootAllowsIt() throws Exception {
        var r = sh("main", true, false, "echo from-main > /workspace/extra/site/new.txt; echo \"write=$?\"");
        assertThat(r.output()).contains("write=0");
        assertThat(project.resolve("new.txt")).hasContent("from-main");
    }

    @Test
    void linksInsideTheMountDoNotLeadToTheHost() throws Exception {
        var r = sh("main", true, true, """
                for l in abs-link rel-link dir-link/host-secret.txt; do cat /workspace/extra/site/$l 2>&1; echo "rc=$?"; done
                ls -la /workspace/extra/site/
                """);
        assertThat(r.output()).doesNotContain(OUTSIDE_SECRET);
        assertThat(r.output().lines().filter(l -> l.startsWith("rc="))).containsExactly("rc=1", "rc=1", "rc=1");
        assertThat(r.output()).contains("abs-link -> " + tmp.resolve("host-secret.txt"));
    }

    @Test
    void theAllowlistFileIsNowhereInside() throws Exception {
        var r = sh("main", true, true, """
                find / \\( -path /proc -o -path /sys -o -path /dev \\) -prune -o \\( -name 'mount-allowlist*' -o -name '.config' \\) -print 2>/dev/null
                find /workspace/extra -maxdepth 2 | head -20
                grep -rl '%s' /workspace /home /tmp /run /etc 2>/dev/null
                cat %s 2>&1; echo "rc=$?"
                echo done
                """.formatted(ALLOWLIST_MARKER, allowlistFile));
        assertThat(r.output()).doesNotContain(ALLOWLIST_MARKER)
                .contains("/workspace/extra/site/README.txt").contains("rc=1").contains("done");
        assertThat(r.output().lines().filter(l -> l.contains("mount-allowlist") || l.contains("/.config")))
                .as("only the failed cat names it").allMatch(l -> l.startsWith("cat:") && l.endsWith("No such file or directory"));
    }
}
