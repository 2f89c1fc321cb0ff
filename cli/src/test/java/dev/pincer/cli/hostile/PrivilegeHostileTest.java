package dev.pincer.cli.hostile;

import static dev.pincer.cli.hostile.Hostile.assertNoSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.pincer.cli.Harness;
import dev.pincer.testkit.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile agent tries to gain privileges (user namespaces, mount, ptrace, setuid binaries) and
 * to outlive its run (a detached process, a CPU spin past the wall-clock timeout). No fork or
 * memory bombs here: those belong with the resource limits. The probes pass with today's
 * protections (no capabilities, no new privileges, {@code --disable-userns}, own namespaces) and
 * stay valid under a seccomp filter (every assertion is "it failed", whatever the errno).
 */
class PrivilegeHostileTest {

    static final int TIMEOUT_SECONDS = 20;
    static final String DETACHED = "987651";
    static final String SPIN = "SPIN-MARKER-424242";

    @TempDir static Path home;
    @TempDir static Path xdg;
    static Harness h;
    static Probes family;

    @BeforeAll
    static void attack() throws Exception {
        h = Hostile.start(home, xdg, Map.of("PINCER_AGENT_TIMEOUT", String.valueOf(TIMEOUT_SECONDS), "PINCER_IDLE_TIMEOUT", "1"));
        family = new Probes()
                .bash("unshareUser", "unshare -r id 2>&1; echo rc=$?")
                .bash("unshareOther", "unshare -U true 2>&1; echo u=$?; unshare -n true 2>&1; echo n=$?; unshare -m true 2>&1; echo m=$?; "
                        + "unshare -p -f true 2>&1; echo p=$?")
                .bash("mount", "mkdir -p /tmp/m; mount -t tmpfs none /tmp/m 2>&1; echo a=$?; mount --bind /workspace/group /tmp/m 2>&1; "
                        + "echo b=$?; mount -o remount,rw /usr 2>&1; echo c=$?; umount -l /workspace/global 2>&1; echo d=$?; "
                        + "mount -t proc proc /tmp/m 2>&1; echo e=$?")
                // PTRACE_ATTACH (16); an attach that works is undone at once (wait for the stop,
                // PTRACE_DETACH 17), so the probe never leaves the agent stopped
                .bash("ptrace", "attach() { perl -e '$p = 0 + shift; $r = syscall(101, 16, $p, 0, 0); $e = $!; "
                        + "if ($r == 0) { waitpid($p, 0x40000000); syscall(101, 17, $p, 0, 0) } print \"$ARGV[0]=$r ($e)\\n\"' \"$1\" \"$2\"; }; "
                        + "attach 1 pid1; attach $$ parent; for p in $(pgrep -f pincer-agent); do attach $p agent; done; echo done")
                .bash("setuid", "echo '-- suid'; find / -perm -4000 -type f -not -path '/proc/*' 2>/dev/null | head -20; "
                        + "echo '-- tries'; su -c id root </dev/null 2>&1; echo su=$?; sudo -n id 2>&1; echo sudo=$?; "
                        + "for f in $(find / -perm -4000 -type f -not -path '/proc/*' 2>/dev/null | head -20); do "
                        + "  timeout 3 \"$f\" --help </dev/null >/dev/null 2>&1; done; "
                        + "echo uid=$(id -u) euid=$(perl -e 'print $>'); grep -E '^(Uid|NoNewPrivs|CapEff|CapPrm|CapBnd|CapAmb)' /proc/self/status")
                .bash("detached", "setsid sleep " + DETACHED + " >/dev/null 2>&1 </dev/null & disown; "
                        + "nohup sh -c 'sleep " + DETACHED + "1' >/dev/null 2>&1 </dev/null & disown; "
                        + "(trap '' HUP TERM; setsid sleep " + DETACHED + "2 >/dev/null 2>&1 </dev/null &); "
                        + "sleep 0.5; pgrep -c -x sleep");
        family.run(h, "family");
    }

    @AfterAll
    static void close() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void unshareOfAUserNamespaceFails() throws Exception {
        String out = family.out("unshareUser");
        assertThat(out).doesNotContain("uid=0").containsPattern("rc=[1-9]");
        assertNoSecret(h, "unshare", out);
    }

    @Test
    void noOtherNamespaceCanBeCreated() {
        String out = family.out("unshareOther");
        for (String ns : List.of("u", "n", "m", "p")) {
            assertThat(out).as(ns + " in " + out).containsPattern("(?m)^" + ns + "=[1-9]");
        }
    }

    @Test
    void mountAndUmountFail() {
        String out = family.out("mount");
        for (String attempt : List.of("a", "b", "c", "d", "e")) {
            assertThat(out).as(attempt + " in " + out).containsPattern("(?m)^" + attempt + "=[1-9]");
        }
    }

    @Test
    void ptraceCannotAttachToTheSandboxInit() {
        String out = family.out("ptrace");
        assumeFalse(Hostile.containers(), "the container engine's default seccomp profile allows ptrace between the"
                + " sandbox's own processes (one uid, nothing of the host's visible); bwrap sandboxes deny it with Pincer's"
                + " filter (docs/SECURITY.md, section 11). Probe said: " + out.strip().replace('\n', ' '));
        // EPERM from the seccomp filter; any other errno (ESRCH: a pid that is not there) means a broken probe
        assertThat(out).contains("pid1=-1 (Operation not permitted)").contains("parent=-1 (Operation not permitted)")
                .contains("agent=-1 (Operation not permitted)").doesNotContainPattern("agent=0\\b");
    }

    @Test
    void setuidBinariesGiveNoPrivilege() {
        String out = family.out("setuid");
        assertThat(out).doesNotContain("uid=0(").doesNotContain("su=0").doesNotContain("sudo=0")
                .doesNotContain("uid=0 ").doesNotContain("euid=0").contains("NoNewPrivs:\t1")
                .contains("CapEff:\t0000000000000000").contains("CapPrm:\t0000000000000000");
        assertThat(out).containsPattern("uid=[1-9][0-9]* euid=[1-9]");
        assertThat(Hostile.section(out, "suid")).as("control: the setuid binaries the probe tried").isNotEmpty()
                .anySatisfy(f -> assertThat(f).endsWith("/su"));
        assertThat(out).containsPattern("su=[1-9]").containsPattern("sudo=[1-9]");
    }

    @Test
    void aDetachedProcessDoesNotSurviveTheRun() {
        assertThat(Integer.parseInt(family.out("detached").strip())).as("control: the three detached sleeps ran inside")
                .isGreaterThanOrEqualTo(3);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(hostProcessesMatching("sleep " + DETACHED)).isEmpty());
    }

    @Test
    void aCpuSpinPastTheTimeoutIsKilledWithEverythingItStarted() throws Exception {
        h.model.respondWith(r -> r.body().toString().contains(SPIN) && r.toolResults().isEmpty()
                ? Reply.toolUses("Spinning.", List.of(
                        new Reply.ToolCall("Bash", Map.of("command",
                                "setsid sh -c 'while :; do :; done; echo " + SPIN + "' >/dev/null 2>&1 </dev/null & "
                                        + "while :; do :; done", "timeout", 600_000))))
                : Reply.text("spin finished?!"));
        long started = System.nanoTime();
        h.post("family", "@Andy spin " + SPIN);
        Awaitility.await().atMost(Duration.ofSeconds(TIMEOUT_SECONDS + 60)).pollInterval(Duration.ofMillis(500))
                .until(PrivilegeHostileTest::isSpinRunOver);
        double seconds = (System.nanoTime() - started) / 1e9;
        var run = h.pincer.recentRuns().get(0);
        assertThat(run.outcome().status()).as(run.toString()).isNotEqualTo("ok").isNotEqualTo("running");
        assertThat(seconds).as("killed near the timeout").isLessThan(TIMEOUT_SECONDS + 45);
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(hostProcessesMatching(SPIN)).as("spinning processes left on the host").isEmpty());
        assertThat(h.model.requests()).noneSatisfy(r -> assertThat(r.toolResults()).isNotEmpty()
                .anySatisfy(t -> assertThat(t.content()).contains(SPIN)));
        assertNoSecret(h, "spin run log", String.valueOf(run.outcome().error()));
    }

    private static boolean isSpinRunOver() {
        var runs = h.pincer.recentRuns();
        return !runs.isEmpty() && runs.get(0).folder().equals("family") && !runs.get(0).outcome().status().equals("running")
                && runs.stream().filter(r -> r.folder().equals("family")).count() >= 2;
    }

    /** Host processes (any uid) whose command line contains {@code needle}, excluding this JVM's probes. */
    static List<String> hostProcessesMatching(String needle) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(needle) && !c.contains("pgrep")).orElse(false))
                .map(p -> p.pid() + " " + p.info().user().orElse("?") + " " + p.info().commandLine().orElse(""))
                .collect(Collectors.toList());
    }
}
