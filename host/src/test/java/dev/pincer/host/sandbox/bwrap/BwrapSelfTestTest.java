package dev.pincer.host.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.sandbox.PincerHomeFixture;
import dev.pincer.host.sandbox.SelfTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BwrapSelfTestTest {
    @TempDir
    Path tmp;

    @Test
    void passesWithTheRealBwrap() {
        SelfTest result = PincerHomeFixture.realRuntime().selfTest();
        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(result.detail()).contains("uid 60000")
                .contains("seccomp filter active (Seccomp: 2 in /proc/self/status)");
    }

    @Test
    void failsWhenTheSandboxRunsWithoutItsSeccompFilter() throws Exception {
        // a "bwrap" that ignores --seccomp: the group's files say uid 60000 and seccomp mode 0
        Path fake = fakeBwrapWritingToTheGroup(
                "echo 60000 > \"$dir/uid\"; echo 0 > \"$dir/seccomp\"; chown 60000 \"$dir/uid\" 2>/dev/null || true");
        SelfTest result = runtime(fake).selfTest();
        assertThat(result.ok()).as(result.toString()).isFalse();
        assertThat(result.detail()).contains("without its seccomp filter").contains("Seccomp: 0");
    }

    @Test
    void failsWithAnInstallHintWhenBwrapDoesNotExist() {
        SelfTest result = runtime(tmp.resolve("no/such/bwrap")).selfTest();
        assertThat(result.ok()).isFalse();
        assertThat(result.detail()).contains("not found");
        assertThat(result.fix()).contains("apt-get install -y bubblewrap");
    }

    @Test
    void failsWithASysctlHintWhenUserNamespacesAreRestricted() throws Exception {
        Path fake = fakeBwrap("echo 'bwrap: setting up uid map: Permission denied' >&2; exit 1");
        SelfTest result = runtime(fake).selfTest();
        assertThat(result.ok()).isFalse();
        assertThat(result.detail()).contains("setting up uid map: Permission denied");
        assertThat(result.fix()).contains("kernel.apparmor_restrict_unprivileged_userns=0")
                .contains("kernel.unprivileged_userns_clone=1");
    }

    @Test
    void failsWithANamespaceHintWhenNamespacesAreUnavailable() throws Exception {
        Path fake = fakeBwrap("echo 'bwrap: No permissions to create new namespace, likely because the kernel does not allow"
                + " non-privileged user namespaces.' >&2; exit 1");
        SelfTest result = runtime(fake).selfTest();
        assertThat(result.ok()).isFalse();
        assertThat(result.fix()).contains("kernel.unprivileged_userns_clone=1");
    }

    @Test
    void refusesARuntimeThatRunsTheCommandAsRoot() throws Exception {
        // a "bwrap" that reports uid 0 from inside
        Path fake = fakeBwrapWritingToTheGroup("echo 0 > \"$dir/uid\"");
        SelfTest result = runtime(fake).selfTest();
        assertThat(result.ok()).as(result.toString()).isFalse();
        assertThat(result.detail()).contains("ran as uid 0").contains("refuses");
    }

    /** A fake bwrap that finds the group's bind source ({@code $dir}) among its arguments and runs {@code action}. */
    private Path fakeBwrapWritingToTheGroup(String action) throws Exception {
        return fakeBwrap("""
                while [ $# -gt 0 ]; do
                  if [ "$1" = "--bind" ] && [ "$3" = "/workspace/group" ]; then dir=$2; fi
                  if [ "$1" = "--" ]; then break; fi
                  shift
                done
                """ + action);
    }

    private Path fakeBwrap(String body) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bin"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path fake = dir.resolve("bwrap");
        Files.writeString(fake, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        return fake;
    }

    private static BwrapRuntime runtime(Path bwrap) {
        return PincerHomeFixture.unlimitedWhereNeeded(new BwrapRuntime(bwrap, 60000, 60000, BwrapRuntime.DEFAULT_STAGE_DIR));
    }
}
