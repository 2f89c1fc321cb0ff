package dev.pincer.host.sandbox;

import java.io.IOException;

/** A way to start sandboxes: bwrap, docker, podman, apple-container. */
public interface SandboxRuntime {

    /** The name used in {@code PINCER_SANDBOX}. */
    String name();

    /** Starts a tiny sandbox through the same code path as {@link #start} and reports what it saw. */
    SelfTest selfTest();

    /**
     * Starts a sandbox. The caller must have created every bind source; the runtime prepares
     * ownership of the writable ones.
     *
     * @throws SandboxRefusedException if the sandbox would lack what the configuration demands
     *                                 ({@link IsolationPolicy}); nothing was started
     * @throws IOException if the sandbox could not be launched at all
     */
    SandboxProcess start(SandboxSpec spec) throws IOException;

    /**
     * Removes what sandboxes of an earlier, killed host left behind (their cgroups); called once
     * when Pincer starts. Returns how many leftovers were removed.
     */
    default int removeLeftovers() {
        return 0;
    }
}
