package dev.pincer.host.run;

import dev.pincer.host.ipc.IpcDir;
import dev.pincer.host.queue.GroupQueue;
import dev.pincer.host.queue.Lease;
import dev.pincer.host.sandbox.SandboxExit;
import dev.pincer.host.sandbox.SandboxProcess;
import dev.pincer.protocol.AgentInput;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one started sandbox, busy and warm, until it is gone. Woken (never polling) by the
 * queue's signals, by answers the output watcher applied, and by the sandbox's exit, it:
 * hands new messages over when the queue says so; once every batch is answered, kills what the
 * turn left running in the sandbox and tells the queue it is idle (giving up its slot); closes it after the idle timeout, on eviction or at shutdown; and
 * kills it when one answer takes longer than the agent timeout or a close is not obeyed.
 */
final class LiveSandbox {

    private static final Logger log = LoggerFactory.getLogger(LiveSandbox.class);
    /** How long a sandbox gets to exit after {@code close}. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(15);

    private final String folder;
    private final SandboxProcess process;
    private final Batches batches;
    private final Lease lease;
    private final IpcDir input;
    private final BooleanSupplier feed;
    private final Duration busyLimit;
    private final Duration idleLimit;
    private final Semaphore wake;
    private final BooleanSupplier closeWhenIdle;

    /** The running sandbox of group {@code folder} and its input folder. */
    record Target(String folder, SandboxProcess process, IpcDir input) {}

    /**
     * How the runner steers it.
     *
     * @param feed          hands new messages to the sandbox; false if there were none to hand over
     * @param closeWhenIdle asked when the sandbox has answered everything: true closes it instead of keeping it warm
     * @param wake          released whenever something happened (the output watcher releases it on a result)
     */
    record Hooks(BooleanSupplier feed, BooleanSupplier closeWhenIdle, Semaphore wake) {}

    LiveSandbox(Target target, Batches batches, Lease lease, Hooks hooks, RunSettings.Timeouts time) {
        this.folder = target.folder();
        this.process = target.process();
        this.input = target.input();
        this.batches = batches;
        this.lease = lease;
        this.feed = hooks.feed();
        this.closeWhenIdle = hooks.closeWhenIdle();
        this.wake = hooks.wake();
        this.busyLimit = time.answer();
        this.idleLimit = time.idle();
    }

    /** Runs until the sandbox is gone; an answer that took too long ends as {@link SandboxExit.TimedOut}. */
    SandboxExit run() throws InterruptedException {
        process.onExit().thenRun(wake::release);
        lease.onSignal(wake::release);
        long started = System.nanoTime();
        long busySince = started;
        long idleSince = 0;
        long closedAt = 0;
        boolean warm = false;
        boolean closing = false;
        boolean overran = false;
        while (process.isAlive()) {
            long now = System.nanoTime();
            if (lease.takeStop()) {
                log.info("stopping the sandbox of group {}: the operator asked", folder);
                process.kill();
                break;
            }
            if (!closing && lease.takeClose()) {
                closing = close("the queue asked");
                closedAt = now;
            }
            if (!closing && lease.takeFeed()) {
                boolean wasAnswered = batches.allAnswered();
                warm = false;
                if (feed.getAsBoolean() && wasAnswered) {
                    busySince = now;
                }
            }
            if (!closing && !warm && batches.allAnswered()) {
                if (!lease.idle()) {
                    continue; // new messages came meanwhile: take them first
                }
                warm = true;
                process.reapStrays(); // what the turn left running (a background job, a fork bomb) ends with it
                idleSince = now;
                if (closeWhenIdle.getAsBoolean()) {
                    closing = close("it answered and is not to stay warm");
                    closedAt = now;
                }
            }
            long deadline;
            if (closing) {
                deadline = closedAt + CLOSE_GRACE.toNanos();
            } else if (warm) {
                boolean retire = now - started >= busyLimit.toNanos(); // old sandboxes take no new work
                deadline = retire ? idleSince : idleSince + idleLimit.toNanos();
            } else {
                deadline = busySince + busyLimit.toNanos();
            }
            if (now >= deadline) {
                if (closing) {
                    log.warn("the sandbox of group {} did not exit {} s after close; killing it", folder, CLOSE_GRACE.toSeconds());
                    process.kill();
                    break;
                } else if (warm) {
                    if (lease.closing()) {
                        closing = close("it was idle");
                        closedAt = now;
                    } else {
                        idleSince = now; // new messages wait for a slot; stay
                    }
                } else {
                    log.warn("group {}'s agent took longer than {} s for one answer; killing its sandbox", folder, busyLimit.toSeconds());
                    overran = true;
                    process.kill();
                    break;
                }
                continue;
            }
            if (wake.tryAcquire(Math.max(1, (deadline - now) / 1_000_000), TimeUnit.MILLISECONDS)) {
                wake.drainPermits();
            }
        }
        SandboxExit exit = process.waitFor();
        return overran ? new SandboxExit.TimedOut(busyLimit) : exit;
    }

    /** Writes {@code close}; returns true. If it cannot be written the sandbox is killed. */
    private boolean close(String why) {
        log.info("closing the sandbox of group {}: {}", folder, why);
        try {
            input.write(IpcFiles.newName(), Json.MAPPER.writerFor(AgentInput.class).writeValueAsBytes(new AgentInput.Close()));
        } catch (IOException e) {
            log.warn("cannot write close for group {} ({}); killing its sandbox", folder, e.getMessage());
            process.kill();
        }
        return true;
    }
}
