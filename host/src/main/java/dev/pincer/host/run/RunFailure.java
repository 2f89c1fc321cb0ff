package dev.pincer.host.run;

import dev.pincer.host.sandbox.SandboxExit;
import java.time.Duration;

/**
 * Why a run did not answer, in two registers: {@code summary} and {@code fix} for the person in the
 * chat (short, no internals), {@code detail} for the owner and the logs.
 */
public record RunFailure(String summary, String fix, String detail) {

    public RunFailure {
        summary = summary == null || summary.isBlank() ? "something went wrong" : summary.strip();
        fix = fix == null ? "" : fix.strip();
        detail = detail == null || detail.isBlank() ? summary : detail.strip();
    }

    /** The sandbox ended without a result for these messages. */
    static RunFailure of(SandboxExit exit) {
        return switch (exit) {
            case SandboxExit.Exited(int code) when code == 137 -> new RunFailure(
                    "my sandbox was stopped, most likely because it ran out of memory",
                    "Try a smaller request; the owner can raise PINCER_SANDBOX_MEMORY_MB.",
                    "the agent was killed (exit 137: SIGKILL, usually the memory limit)");
            case SandboxExit.Exited(int code) -> new RunFailure("my sandbox stopped unexpectedly",
                    "Write again to retry; if it keeps happening the owner can check ./pincer logs.",
                    "the agent exited with status " + code + " without answering");
            case SandboxExit.TimedOut(Duration limit) -> new RunFailure(
                    "I was still working after " + minutes(limit) + ", so I stopped",
                    "Try a smaller request; the owner can raise PINCER_AGENT_TIMEOUT.",
                    "the agent ran longer than " + limit.toSeconds() + " s and was stopped");
            case SandboxExit.Killed() -> new RunFailure("the run was stopped before it answered",
                    "Write again to retry.", "the run was stopped");
        };
    }

    /** The sandbox could not be started at all (no credential, runtime failure, refused isolation...). */
    static RunFailure couldNotStart(Exception e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new RunFailure("I could not start working on this",
                "The owner can run ./pincer doctor to see what is missing.", "could not start the sandbox: " + why);
    }

    /** The agent reported a failure in its result. */
    static RunFailure reported(String error) {
        return new RunFailure("something went wrong while I was working on this",
                "Write again to retry; if it keeps happening the owner can check ./pincer logs.", error);
    }

    /** The one short message the chat gets. */
    public String chatText() {
        return "I could not answer: " + summary + "." + (fix.isEmpty() ? "" : " " + fix);
    }

    private static String minutes(Duration d) {
        long m = d.toMinutes();
        return m >= 1 ? m + (m == 1 ? " minute" : " minutes") : d.toSeconds() + " seconds";
    }
}
