package dev.pincer.host.run;

import dev.pincer.host.sandbox.GroupDisk;
import dev.pincer.host.sandbox.SandboxExit;
import dev.pincer.protocol.RunFailure;
import dev.pincer.protocol.RunFailure.Kind;
import java.time.Duration;

/**
 * Failures the host itself sees, in the same shape as the ones the agent reports: a sandbox that
 * ended without an answer, or one that could not be started.
 */
final class SandboxFailures {
    private SandboxFailures() {}

    /** The sandbox ended without a result for these messages. */
    static RunFailure of(SandboxExit exit) {
        return switch (exit) {
            case SandboxExit.Exited(int code) when code == 137 -> new RunFailure(Kind.INTERNAL,
                    "My sandbox was stopped, most likely because it ran out of memory.",
                    "Try a smaller request; the owner can raise PINCER_SANDBOX_MEMORY_MB.",
                    "the agent was killed (exit 137: SIGKILL, usually the memory limit)");
            case SandboxExit.Exited(int code) -> new RunFailure(Kind.INTERNAL, "My sandbox stopped unexpectedly.",
                    "Write again to retry; if it keeps happening the owner can check ./pincer logs.",
                    "the agent exited with status " + code + " without answering");
            case SandboxExit.TimedOut(Duration limit) -> new RunFailure(Kind.TIMEOUT,
                    "I was still working after " + minutes(limit) + ", so I stopped.",
                    "Try a smaller request; the owner can raise PINCER_AGENT_TIMEOUT.",
                    "the agent ran longer than " + limit.toSeconds() + " s and was stopped");
            case SandboxExit.Killed() -> new RunFailure(Kind.INTERNAL, "The run was stopped before it answered.",
                    "Write again to retry.", "the run was stopped");
        };
    }

    /** The sandbox could not be started at all (no credential, runtime failure, refused isolation...). */
    static RunFailure couldNotStart(Exception e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof GroupDisk.QuotaExceededException) {
            return new RunFailure(Kind.INTERNAL, "This group's files have reached their disk quota.",
                    "Delete files in the group's folder; the owner can raise PINCER_GROUP_DISK_MB.", why);
        }
        return new RunFailure(Kind.INTERNAL, "I could not start working on this.",
                "The owner can run ./pincer doctor to see what is missing.", "could not start the sandbox: " + why);
    }

    /** A result that failed without saying why (an older agent). */
    static RunFailure unexplained(String error) {
        return new RunFailure(Kind.INTERNAL, "Something went wrong while I was working on this.",
                "Write again to retry; if it keeps happening the owner can check ./pincer logs.", error);
    }

    private static String minutes(Duration d) {
        long m = d.toMinutes();
        return m >= 1 ? m + (m == 1 ? " minute" : " minutes") : d.toSeconds() + " seconds";
    }
}
