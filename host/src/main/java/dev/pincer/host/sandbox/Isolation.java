package dev.pincer.host.sandbox;

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
        FILTER("filter"),
        /** The container engine's default profile. */
        ENGINE_DEFAULT("engine default"),
        /** Turned off by the operator ({@code PINCER_SECCOMP=off}). */
        OFF("off"),
        /** Wanted, but Pincer has no filter for this machine's architecture. */
        UNAVAILABLE("unavailable");

        private final String label;

        Seccomp(String label) {
            this.label = label;
        }

        /** The value stored in the run row, e.g. {@code filter}. */
        public String label() {
            return label;
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
