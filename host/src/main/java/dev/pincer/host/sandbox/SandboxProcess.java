package dev.pincer.host.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running sandbox. The wall-clock timeout is enforced by a watchdog from the moment the sandbox
 * starts, whether or not anyone waits for it. Killing destroys the launcher process (bwrap, whose
 * PID namespace dies with it) and every descendant still visible on the host.
 */
public final class SandboxProcess {
    private static final Logger log = LoggerFactory.getLogger(SandboxProcess.class);

    private enum Ending { NONE, TIMED_OUT, KILLED }

    private final String groupFolder;
    private final Process process;
    private final Duration timeout;
    private final Path logFile;
    private final AtomicReference<Ending> ending = new AtomicReference<>(Ending.NONE);
    private final CompletableFuture<SandboxExit> exit;
    private final AppliedLimits limits;

    SandboxProcess(String groupFolder, Process process, Duration timeout, Path logFile) {
        this(groupFolder, process, timeout, logFile, AppliedLimits.NONE);
    }

    /**
     * @param limits the sandbox's cgroups: killing also kills every pid in them, and they are
     *               removed before {@link #onExit()} completes
     */
    SandboxProcess(String groupFolder, Process process, Duration timeout, Path logFile, AppliedLimits limits) {
        this.groupFolder = groupFolder;
        this.process = process;
        this.timeout = timeout;
        this.logFile = logFile;
        this.limits = limits;
        this.exit = process.onExit().thenApply(p -> {
            limits.release();
            return p;
        }).thenApply(p -> switch (ending.get()) {
            case TIMED_OUT -> new SandboxExit.TimedOut(timeout);
            case KILLED -> new SandboxExit.Killed();
            case NONE -> new SandboxExit.Exited(p.exitValue());
        });
        // A delayed task rather than a thread blocked in Process.waitFor: on Java 21 that would pin
        // a virtual thread's carrier for the whole run.
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(this::onDeadline);
    }

    private void onDeadline() {
        if (process.isAlive()) {
            if (ending.compareAndSet(Ending.NONE, Ending.TIMED_OUT)) {
                log.warn("sandbox for group {} exceeded its wall-clock limit of {}; killing it", groupFolder, timeout);
            }
            destroyTree();
        }
    }

    /** Host PID of the launcher process (bwrap, or the staging shell that became bwrap). */
    public long pid() {
        return process.pid();
    }

    /** The sandbox's limits as applied (its cgroups, if any). */
    AppliedLimits limits() {
        return limits;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String groupFolder() {
        return groupFolder;
    }

    public Path logFile() {
        return logFile;
    }

    /** Waits until the sandbox is gone; never longer than the wall-clock limit plus teardown. */
    public SandboxExit waitFor() throws InterruptedException {
        try {
            return exit.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not observe the sandbox's exit", e.getCause());
        }
    }

    /** Waits at most {@code max}; empty if the sandbox is still running. */
    public Optional<SandboxExit> waitFor(Duration max) throws InterruptedException {
        try {
            return Optional.of(exit.get(max.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not observe the sandbox's exit", e.getCause());
        }
    }

    /** Completes when the sandbox is gone. */
    public CompletableFuture<SandboxExit> onExit() {
        return exit;
    }

    /** Kills the whole sandbox now. */
    public void kill() {
        ending.compareAndSet(Ending.NONE, Ending.KILLED);
        destroyTree();
    }

    private void destroyTree() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        for (ProcessHandle child : descendants) {
            child.destroyForcibly();
        }
        limits.killAll(); // detached processes that left the launcher's tree are still in its cgroups
    }
}
