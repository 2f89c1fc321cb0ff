package dev.pincer.host.sandbox;

import dev.pincer.protocol.SandboxPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a tiny sandbox through {@link BwrapRuntime#start} (staging, privilege drop and all) that
 * writes its uid into a bound directory, then checks the uid inside and the file's owner outside.
 */
final class BwrapSelfTest {
    private static final Logger log = LoggerFactory.getLogger(BwrapSelfTest.class);
    static final Duration LIMIT = Duration.ofSeconds(30);
    static final String INSTALL = "install bubblewrap: apt-get install -y bubblewrap (or set PINCER_BWRAP to its path)";

    /** Writes the sandbox's seccomp mode (0 none, 2 filter) to the file {@code seccomp}. */
    static final String SECCOMP_PROBE = "sed -n 's/^Seccomp:[[:space:]]*//p' /proc/self/status > seccomp";

    private final BwrapRuntime runtime;

    BwrapSelfTest(BwrapRuntime runtime) {
        this.runtime = runtime;
    }

    SelfTest run() {
        Path bwrap = runtime.binary();
        if (!Files.isRegularFile(bwrap) || !Files.isExecutable(bwrap)) {
            return SelfTest.failed("bwrap executable not found at " + bwrap, INSTALL);
        }
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("pincer-selftest-");
            return probe(tmp);
        } catch (NoSuchFileException e) {
            return SelfTest.failed("cannot start a sandbox: " + e.getMessage(),
                    e.getFile().equals("unshare") || e.getFile().equals("setpriv")
                            ? "install util-linux (provides unshare and setpriv): apt-get install -y util-linux"
                            : INSTALL);
        } catch (IOException e) {
            return SelfTest.failed("cannot start a sandbox: " + e, "check that " + bwrap + " is bubblewrap and runnable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SelfTest.failed("self-test interrupted", "run it again");
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    private SelfTest probe(Path tmp) throws IOException, InterruptedException {
        Path group = Files.createDirectory(tmp.resolve("group"));
        Path logFile = tmp.resolve("selftest.log");
        MountPlan plan = new MountPlan("selftest", false, "/usr",
                List.of(Mount.readWrite(group, SandboxPaths.GROUP)), List.of());
        SandboxSpec spec = new SandboxSpec(plan, List.of("/bin/sh", "-c", "id -u > uid; " + SECCOMP_PROBE),
                Map.of("PATH", "/usr/bin:/bin"), SandboxPaths.GROUP, LIMIT, logFile, runtime.selfTestLimits());
        SandboxExit exit = runtime.start(spec).waitFor();
        String output = Files.readString(logFile, StandardCharsets.UTF_8);
        if (exit instanceof SandboxExit.TimedOut) {
            return SelfTest.failed("the self-test sandbox did not finish within " + LIMIT.toSeconds() + " s",
                    "check the machine's load and that " + runtime.binary() + " is bubblewrap");
        }
        if (!exit.succeeded()) {
            return BwrapDiagnosis.diagnose(output, exit, runtime);
        }
        Path uidFile = group.resolve("uid");
        if (!Files.isRegularFile(uidFile, LinkOption.NOFOLLOW_LINKS)) {
            return SelfTest.failed("the self-test sandbox exited 0 but wrote nothing; output: " + BwrapDiagnosis.excerpt(output),
                    "check that " + runtime.binary() + " is bubblewrap");
        }
        String insideUid = Files.readString(uidFile).strip();
        int hostOwner = (Integer) Files.getAttribute(uidFile, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (insideUid.equals("0") || hostOwner == 0) {
            return SelfTest.failed("the sandbox ran as uid " + insideUid + " (host owner " + hostOwner
                    + "); Pincer refuses to run agents as root", "configure an unprivileged agent uid");
        }
        String seccomp = Files.isRegularFile(group.resolve("seccomp"), LinkOption.NOFOLLOW_LINKS)
                ? Files.readString(group.resolve("seccomp")).strip() : "?";
        if (runtime.seccompActive() && !seccomp.equals("2")) {
            return SelfTest.failed("the sandbox ran without its seccomp filter (Seccomp: " + seccomp
                    + " in /proc/self/status)", "check that " + runtime.binary() + " supports --seccomp (bubblewrap >= 0.1.8)");
        }
        log.debug("bwrap self-test passed: uid {} inside, host owner {}, seccomp {}", insideUid, hostOwner, seccomp);
        return SelfTest.passed("bwrap at " + runtime.binary() + " works: sandbox uid " + insideUid
                + ", files owned by host uid " + hostOwner
                + (runtime.seccompActive() ? ", seccomp filter active (Seccomp: " + seccomp + " in /proc/self/status)"
                        : ", no seccomp filter (Seccomp: " + seccomp + ")")
                + (runtime.dropsPrivileges() ? " (started as root: staged binds, privileges dropped with setpriv)" : "")
                + "; limits: " + runtime.limitsMechanismName() + " (" + spec.limits().describe() + ")");
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.warn("could not remove the self-test directory {}: {}", root, e.toString());
        }
    }
}
