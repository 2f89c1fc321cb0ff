package dev.pincer.host.sandbox;

import java.time.Duration;

/** How a sandboxed run ended. */
public sealed interface SandboxExit {

    /** The command inside exited (or bwrap failed) with this status. */
    record Exited(int code) implements SandboxExit {}

    /** The wall-clock limit passed and the whole sandbox was killed. */
    record TimedOut(Duration limit) implements SandboxExit {}

    /** {@link SandboxProcess#kill()} was called. */
    record Killed() implements SandboxExit {}

    default boolean succeeded() {
        return this instanceof Exited(int code) && code == 0;
    }
}
