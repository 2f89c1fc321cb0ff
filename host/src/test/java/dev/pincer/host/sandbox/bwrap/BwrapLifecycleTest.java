package dev.pincer.host.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pincer.host.sandbox.PincerHomeFixture;
import dev.pincer.host.sandbox.SandboxExit;
import dev.pincer.host.sandbox.SandboxProcess;
import dev.pincer.host.sandbox.SandboxSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Network isolation, wall-clock limits, kill, and launch-time failures, with real bubblewrap. */
class BwrapLifecycleTest extends RealBwrapTest {
    @Test
    void theSandboxCannotReachTheHostsLoopbackAndHasOnlyLo() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            String probe = "(exec 3<>/dev/tcp/127.0.0.1/" + port + ") 2>/dev/null && echo CONNECTED || echo REFUSED";
            // the probe works where the port is reachable (so the assertion below can fail)
            Process host = new ProcessBuilder("/bin/bash", "-c", probe).redirectErrorStream(true).start();
            assertThat(host.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(new String(host.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip()).isEqualTo("CONNECTED");

            var r = fx.sh("main", true, probe + "; tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '");
            assertThat(r.lines()).containsExactly("REFUSED", "lo");
        }
    }

    @Test
    void theWallClockLimitKillsTheSandboxAndADetachedChild() throws Exception {
        String marker = "98765" + (System.nanoTime() % 1000);
        SandboxSpec spec = fx.spec("family", false,
                List.of("/bin/bash", "-c", "setsid sleep " + marker + " < /dev/null > /dev/null 2>&1 & echo started; sleep 1000"),
                Duration.ofSeconds(3));
        long t0 = System.nanoTime();
        SandboxProcess p = fx.runtime.start(spec);
        await().atMost(Duration.ofSeconds(10)).until(() -> sleepers(marker) > 0);
        assertThat(p.isAlive()).isTrue();
        SandboxExit exit = p.waitFor();
        assertThat(exit).isEqualTo(new SandboxExit.TimedOut(Duration.ofSeconds(3)));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
        assertThat(p.isAlive()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> sleepers(marker) == 0);
        assertThat(PincerHomeFixture.output(spec.logFile())).contains("started");
    }

    @Test
    void killEndsTheSandboxAndIsReportedAsKilled() throws Exception {
        String marker = "87654" + (System.nanoTime() % 1000);
        SandboxProcess p = fx.runtime.start(fx.spec("family", false,
                List.of("/bin/bash", "-c", "sleep " + marker + " & wait"), Duration.ofMinutes(5)));
        await().atMost(Duration.ofSeconds(10)).until(() -> sleepers(marker) > 0);
        assertThat(p.waitFor(Duration.ofMillis(100))).isEmpty();
        p.kill();
        assertThat(p.waitFor(Duration.ofSeconds(10))).isEqualTo(Optional.of(new SandboxExit.Killed()));
        await().atMost(Duration.ofSeconds(5)).until(() -> sleepers(marker) == 0);
    }

    @Test
    void aMissingBindSourceFailsBeforeLaunch() throws Exception {
        SandboxSpec spec = fx.spec("family", false, List.of("/bin/true"), Duration.ofSeconds(10));
        Files.delete(fx.home.resolve("data/sessions/family"));
        assertThatThrownBy(() -> fx.runtime.start(spec)).isInstanceOf(IOException.class)
                .hasMessageContaining("data/sessions/family").hasMessageContaining("create it");
    }

    @Test
    void aRunLogWhereTheSandboxCanWriteIsRefused() throws Exception {
        SandboxSpec spec = SandboxSpec.of(fx.plan("family", false), List.of("/bin/true"), PincerHomeFixture.env(),
                Duration.ofSeconds(10), fx.home.resolve("groups/family/logs/run.log"));
        assertThatThrownBy(() -> fx.runtime.start(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("which the sandbox can write");
    }

    @Test
    void pathsWithShellMetacharactersAreArgumentsNotScript(@TempDir Path odd) throws Exception {
        Path base = Files.createDirectories(odd.resolve("home $(touch INJECTED) ';touch INJECTED2;' \"q\""));
        var weird = new PincerHomeFixture<>(base, fx.runtime);
        var r = weird.sh("family", false, "cat /workspace/global/CLAUDE.md; echo ok > /workspace/group/f");
        assertThat(r.exit()).as(r.output()).isEqualTo(new SandboxExit.Exited(0));
        assertThat(weird.home.resolve("groups/family/f")).hasContent("ok");
        try (var found = Files.walk(odd)) {
            assertThat(found.filter(p -> p.getFileName().toString().startsWith("INJECTED"))).isEmpty();
        }
        assertThat(Path.of("/INJECTED")).doesNotExist();
        assertThat(Path.of("/INJECTED2")).doesNotExist();
    }

    @Test
    void stagingLeavesNothingMountedOnTheHost() throws Exception {
        assertThat(fx.sh("family", false, "true").exit().succeeded()).isTrue();
        String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
        assertThat(mounts).doesNotContain("pincer-stage").doesNotContain(tmp.toString());
    }

    /** Host processes whose command line contains {@code marker}. */
    static long sleepers(String marker) {
        return ProcessHandle.allProcesses()
                .filter(ph -> ph.info().commandLine().map(c -> c.contains("sleep " + marker)).orElse(false))
                .count();
    }
}
