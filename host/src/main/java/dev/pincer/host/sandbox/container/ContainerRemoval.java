package dev.pincer.host.sandbox.container;

import dev.pincer.host.sandbox.Launcher;
import dev.pincer.host.sandbox.SandboxResources;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One container as a sandbox's host resource: killing {@code docker run} (its CLI) leaves the
 * container running, so once the CLI has exited, for whatever reason, the container is removed
 * by name, and the sandbox counts as gone only after that. Its {@link #pids()} is the host pid of
 * the container's init (asked once), from which the sandbox's stray processes are found through
 * its PID namespace.
 *
 * @param name    the container's name
 * @param command the CLI's command that force-removes it by name (idempotent)
 * @param initPid the CLI's command that prints the host pid of its init, or null
 * @param env     the CLI's environment
 */
record ContainerRemoval(String name, List<String> command, List<String> initPid, Map<String, String> env,
                        AtomicLong knownInit) implements SandboxResources {
    private static final Logger log = LoggerFactory.getLogger(ContainerRemoval.class);
    static final Duration LIMIT = Duration.ofSeconds(30);

    ContainerRemoval {
        command = List.copyOf(command);
        initPid = initPid == null ? null : List.copyOf(initPid);
        env = Map.copyOf(env);
    }

    ContainerRemoval(String name, List<String> command, List<String> initPid, Map<String, String> env) {
        this(name, command, initPid, env, new AtomicLong());
    }

    /** The host pid of the container's init, once it is known; empty before (or if the engine does not say). */
    @Override
    public List<Long> pids() {
        long known = knownInit.get();
        if (known == 0 && initPid != null) {
            known = askInit();
            knownInit.compareAndSet(0, known);
        }
        return known > 0 ? List.of(known) : List.of();
    }

    private long askInit() {
        try {
            Process p = new ProcessBuilder(initPid).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readNBytes(200), java.nio.charset.StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return 0;
            }
            return p.exitValue() == 0 && out.matches("[1-9][0-9]{0,9}") ? Long.parseLong(out) : 0;
        } catch (IOException e) {
            log.debug("cannot ask for the init of container {}: {}", name, e.toString());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Nothing to do at once: killing the CLI ends in {@link #release()}, which removes the container. */
    @Override
    public void killAll() {}

    /** Removes the container; waits at most {@link #LIMIT}. */
    @Override
    public void release() {
        try {
            Process p = Launcher.startQuietly(command, env);
            if (!p.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                log.warn("removing container {} took longer than {}", name, LIMIT);
            }
        } catch (IOException e) {
            log.warn("could not remove container {}: {}", name, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
