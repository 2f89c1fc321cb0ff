package dev.pincer.host.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running sandbox. The wall-clock timeout is enforced by a watchdog from the moment the sandbox
 * starts, whether or not anyone waits for it. Killing destroys the launcher process (bwrap, whose
 * PID namespace dies with it, or a container CLI), every descendant still visible on the host, and
 * whatever its {@link SandboxResources} reach. The sandbox is gone once the launcher has exited and
 * its resources are released. Between turns {@link #reapStrays()} ends what a turn left running.
 */
public final class SandboxProcess {
    private static final Logger log = LoggerFactory.getLogger(SandboxProcess.class);

    /** Releases resources after a launcher exits (platform threads: a blocking wait would pin a virtual one). */
    private static final Executor RELEASER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pincer-sandbox-release");
        t.setDaemon(true);
        return t;
    });

    private enum Ending { NONE, TIMED_OUT, KILLED }

    private final String groupFolder;
    private final Process process;
    private final Duration timeout;
    private final Path logFile;
    private final AtomicReference<Ending> ending = new AtomicReference<>(Ending.NONE);
    private final CompletableFuture<SandboxExit> exit;
    private final SandboxResources resources;
    private final Isolation isolation;

    /**
     * For runtimes: watches a started launcher of {@code spec}, killing it when the spec's timeout passes.
     *
     * @param process   the launcher (bwrap's, or the container CLI)
     * @param logFile   the run log the launcher writes to (the spec's, once checked by {@link Launcher#openRunLog})
     * @param resources what the sandbox holds besides the launcher's tree ({@link SandboxResources#NONE}: nothing)
     * @param isolation what the sandbox got (recorded with its runs)
     */
    public SandboxProcess(SandboxSpec spec, Process process, Path logFile, SandboxResources resources, Isolation isolation) {
        this.isolation = isolation;
        this.groupFolder = spec.groupFolder();
        this.process = process;
        this.timeout = spec.timeout();
        this.logFile = logFile;
        this.resources = resources;
        this.exit = process.onExit().thenApplyAsync(p -> {
            resources.release();
            return p;
        }, RELEASER).thenApply(p -> switch (ending.get()) {
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

    /** Host PID of the launcher process (bwrap, the staging shell that became bwrap, or the container CLI). */
    public long pid() {
        return process.pid();
    }

    /** What the sandbox holds on the host (its cgroups, its container). */
    public SandboxResources resources() {
        return resources;
    }

    /** What the sandbox got: runtime, seccomp, limits and the uid it runs as. */
    public Isolation isolation() {
        return isolation;
    }

    /**
     * Kills the processes a turn left behind while the sandbox stays (warm): everything but its
     * init, the agent JVM and the JVM's own subtree ({@link Strays}). Blocks for at most a few
     * seconds; returns how many were killed.
     */
    public int reapStrays() {
        try {
            int killed = Strays.reap(process.toHandle(), resources::pids);
            if (killed > 0) {
                log.info("killed {} leftover process(es) in the idle sandbox of group {}", killed, groupFolder);
            }
            return killed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Whether the sandbox is still there: its launcher runs, or its resources are being released. */
    public boolean isAlive() {
        return !exit.isDone();
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
        resources.killAll(); // e.g. detached processes that left the launcher's tree but are still in its cgroups
    }
}
