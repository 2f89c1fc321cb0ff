package dev.pincer.host.sandbox.container;

import dev.pincer.host.sandbox.Launcher;
import dev.pincer.host.sandbox.SandboxResources;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One container as a sandbox's host resource: killing {@code docker run} (its CLI) leaves the
 * container running, so once the CLI has exited, for whatever reason, the container is removed
 * by name, and the sandbox counts as gone only after that.
 *
 * @param name    the container's name
 * @param command the CLI's command that force-removes it by name (idempotent)
 * @param env     the CLI's environment
 */
record ContainerRemoval(String name, List<String> command, Map<String, String> env) implements SandboxResources {
    private static final Logger log = LoggerFactory.getLogger(ContainerRemoval.class);
    static final Duration LIMIT = Duration.ofSeconds(30);

    ContainerRemoval {
        command = List.copyOf(command);
        env = Map.copyOf(env);
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
