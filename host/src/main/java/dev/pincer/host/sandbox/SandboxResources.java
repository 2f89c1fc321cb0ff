package dev.pincer.host.sandbox;

import java.util.List;

/**
 * What a sandbox holds on the host besides its launcher's process tree: its cgroups (bwrap), its
 * container (Docker, Podman). {@link SandboxProcess} kills through it on timeout and {@code kill()},
 * and releases it once the launcher has exited, before {@link SandboxProcess#onExit()} completes.
 */
public interface SandboxResources {

    /** Nothing beyond the launcher's process tree. */
    SandboxResources NONE = new SandboxResources() {
        @Override
        public void killAll() {}

        @Override
        public void release() {}
    };

    /** The host pids of every process in the sandbox it can see (its cgroups); empty if it sees none. */
    default List<Long> pids() {
        return List.of();
    }

    /** Kills every process of the sandbox it can reach, detached ones included; never blocks for long. */
    void killAll();

    /** Frees everything once the launcher is gone (kills stragglers first); may block for a few seconds. */
    void release();
}
