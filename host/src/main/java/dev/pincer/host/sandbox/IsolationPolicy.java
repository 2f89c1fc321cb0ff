package dev.pincer.host.sandbox;

import dev.pincer.host.sandbox.Isolation.Seccomp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the configuration demands of every sandbox before it starts. A sandbox never runs as host
 * root. Without per-sandbox memory and process limits it starts only if {@code PINCER_ALLOW_UNLIMITED=1};
 * without a seccomp filter only if the operator turned it off ({@code PINCER_SECCOMP=off}, which
 * is consent) or allowed its absence ({@code PINCER_ALLOW_NO_SECCOMP=1}) where Pincer has no filter
 * for the architecture.
 *
 * @param allowUnlimited {@code PINCER_ALLOW_UNLIMITED=1}
 * @param allowNoSeccomp {@code PINCER_ALLOW_NO_SECCOMP=1}
 */
public record IsolationPolicy(boolean allowUnlimited, boolean allowNoSeccomp) {

    /** Demands everything: the default. */
    public static final IsolationPolicy STRICT = new IsolationPolicy(false, false);

    /** One thing a sandbox lacks: what, and how to fix it (one way per line). */
    public record Shortfall(String why, String fix) {}

    /**
     * What {@code isolation} lacks of what this policy demands; empty when the sandbox may start.
     *
     * @param noLimits why the host has no per-sandbox limits and how to get them (asked only if they are missing)
     */
    public List<Shortfall> shortfalls(Isolation isolation, Supplier<Shortfall> noLimits) {
        List<Shortfall> missing = new ArrayList<>();
        if (isolation.uid() == 0 || isolation.gid() == 0) {
            missing.add(new Shortfall("the sandbox would run as host uid " + isolation.uid() + ":" + isolation.gid()
                    + "; Pincer never runs agents as root", "set PINCER_AGENT_UID and PINCER_AGENT_GID to an unprivileged uid"));
        }
        if (!isolation.limits().capsSandbox() && !allowUnlimited) {
            missing.add(noLimits.get());
        }
        if (isolation.seccomp() == Seccomp.UNAVAILABLE && !allowNoSeccomp) {
            missing.add(new Shortfall("Pincer has no seccomp filter for this machine's architecture ("
                    + System.getProperty("os.arch") + "; it has filters for x86_64 and aarch64), so the kernel's escape hatches"
                    + " (ptrace, mount, unshare, keyctl, bpf, io_uring, ...) would stay open to the agent",
                    "run Pincer on x86_64 or aarch64, or set PINCER_ALLOW_NO_SECCOMP=1 to run sandboxes without a filter"));
        }
        return missing;
    }

    /** What the operator allowed a sandbox to lack, as warnings; empty when it lacks nothing. */
    public static List<String> warnings(Isolation isolation) {
        List<String> w = new ArrayList<>();
        if (!isolation.limits().capsSandbox()) {
            w.add("sandboxes run without per-sandbox memory and process limits (" + isolation.limits().mechanism()
                    + ", allowed by PINCER_ALLOW_UNLIMITED=1): a fork or memory bomb can reach the whole host");
        }
        switch (isolation.seccomp()) {
            case OFF -> w.add("sandboxes run without a seccomp filter (PINCER_SECCOMP=off)");
            case UNAVAILABLE -> w.add("sandboxes run without a seccomp filter (none for " + System.getProperty("os.arch")
                    + "; allowed by PINCER_ALLOW_NO_SECCOMP=1)");
            default -> { }
        }
        return w;
    }
}
