package dev.pincer.host.sandbox;

import java.util.Locale;

/**
 * What one sandbox actually got (docs/SECURITY.md, "Sandbox limits, isolation record, leftovers and
 * disk"): recorded in the run's row, checked against the {@link IsolationPolicy} before it starts.
 *
 * @param runtime the runtime's name ({@code bwrap}, {@code docker}, {@code podman})
 * @param seccomp which system-call filter the sandbox runs under
 * @param limits  how its limits are enforced and what they are
 * @param uid     the host uid the sandbox's processes run as
 * @param gid     the host gid likewise
 */
public record Isolation(String runtime, Seccomp seccomp, Enforcement limits, int uid, int gid) {

    /** The system-call filter of a sandbox. */
    public enum Seccomp {
        /** Pincer's own filter ({@code dev.pincer.host.sandbox.seccomp.SeccompFilter}). */
        FILTER,
        /** The container engine's default profile. */
        ENGINE_DEFAULT,
        /** Turned off by the operator ({@code PINCER_SECCOMP=off}). */
        OFF,
        /** Wanted, but Pincer has no filter for this machine's architecture. */
        UNAVAILABLE;

        /**
         * The value stored in the run row: the name in lower case with spaces, e.g. {@code filter},
         * {@code engine default}. Stored rows are read back by it, so a constant keeps its name.
         */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * How the sandbox's limits are enforced.
     *
     * @param mechanism   e.g. {@code cgroup v1}, {@code prlimit}, {@code docker}
     * @param capsSandbox whether memory and processes are capped for the sandbox as a whole
     * @param values      the limits asked for
     */
    public record Enforcement(String mechanism, boolean capsSandbox, Limits values) {}

    /** One line for logs and refusals. */
    public String describe() {
        return runtime + ", seccomp " + seccomp.label() + ", limits " + limits.mechanism() + " (" + limits.values().describe()
                + (limits.capsSandbox() ? "" : "; not per sandbox") + "), uid " + uid + ":" + gid;
    }
}
