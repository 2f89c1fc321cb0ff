package dev.pincer.host.sandbox.bwrap;

import dev.pincer.host.sandbox.IsolationPolicy;
import dev.pincer.host.sandbox.SandboxExit;
import dev.pincer.host.sandbox.SelfTest;
import dev.pincer.host.sandbox.SelfTestSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bwrap self-test: first what the configuration demands of every sandbox
 * ({@link IsolationPolicy}: per-sandbox limits, a seccomp filter), then the {@link SelfTestSandbox}
 * check through {@link BwrapRuntime#start} (staging, privilege drop and all), then bwrap's own:
 * the files the sandbox wrote belong to an unprivileged host uid, and the seccomp filter was active
 * inside.
 */
final class BwrapSelfTest implements SelfTestSandbox.Checks {
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
        List<IsolationPolicy.Shortfall> missing = runtime.shortfalls(runtime.isolation(runtime.selfTestLimits()));
        if (!missing.isEmpty()) {
            return SelfTest.failed(missing.stream().map(IsolationPolicy.Shortfall::why).collect(Collectors.joining("; and ")),
                    missing.stream().map(IsolationPolicy.Shortfall::fix).collect(Collectors.joining("\n")));
        }
        return SelfTestSandbox.run(runtime, this, LIMIT, runtime.selfTestLimits());
    }

    @Override
    public String noun() {
        return "sandbox";
    }

    @Override
    public String script() {
        return SECCOMP_PROBE;
    }

    @Override
    public String timeoutFix() {
        return "check the machine's load and that " + runtime.binary() + " is bubblewrap";
    }

    @Override
    public String silentFix() {
        return "check that " + runtime.binary() + " is bubblewrap";
    }

    @Override
    public SelfTest cannotStart(IOException e) {
        if (e instanceof NoSuchFileException missing) {
            return SelfTest.failed("cannot start a sandbox: " + e.getMessage(),
                    "unshare".equals(missing.getFile()) || "setpriv".equals(missing.getFile())
                            ? "install util-linux (provides unshare and setpriv): apt-get install -y util-linux"
                            : INSTALL);
        }
        return SelfTest.failed("cannot start a sandbox: " + e, "check that " + runtime.binary() + " is bubblewrap and runnable");
    }

    @Override
    public SelfTest diagnose(String output, SandboxExit exit) {
        return BwrapDiagnosis.diagnose(output, exit, runtime);
    }

    @Override
    public SelfTest judge(SelfTestSandbox.Seen seen) throws IOException {
        int hostOwner = seen.hostOwner("uid");
        if (hostOwner == 0) {
            return SelfTest.failed("the sandbox ran as uid " + seen.uid() + " but its files are owned by host uid 0;"
                    + " Pincer refuses to run agents as root", "configure an unprivileged agent uid (PINCER_AGENT_UID)");
        }
        String seccomp = seen.read("seccomp");
        if (runtime.seccompActive() && !seccomp.equals("2")) {
            return SelfTest.failed("the sandbox ran without its seccomp filter (Seccomp: " + seccomp
                    + " in /proc/self/status)", "check that " + runtime.binary() + " supports --seccomp (bubblewrap >= 0.1.8)");
        }
        log.debug("bwrap self-test passed: uid {} inside, host owner {}, seccomp {}", seen.uid(), hostOwner, seccomp);
        return SelfTest.passed("bwrap at " + runtime.binary() + " works: sandbox uid " + seen.uid()
                + ", files owned by host uid " + hostOwner
                + (runtime.seccompActive() ? ", seccomp filter active (Seccomp: " + seccomp + " in /proc/self/status)"
                        : ", no seccomp filter (Seccomp: " + seccomp + ")")
                + (runtime.dropsPrivileges() ? " (started as root: staged binds, privileges dropped with setpriv)" : "")
                + "; limits: " + runtime.limitsMechanismName() + " (" + seen.spec().limits().describe() + ")"
                + IsolationPolicy.warnings(runtime.isolation(seen.spec().limits())).stream().map(w -> "; WARNING: " + w)
                        .collect(Collectors.joining()));
    }
}
