package dev.pincer.host.proxy;

import java.io.IOException;
import java.nio.file.Path;

/** Opens the egress proxy endpoint of one sandbox: a Unix socket in the group's run directory. */
@FunctionalInterface
public interface ProxyLauncher {
    Handle open(String folder, Path runDir) throws IOException;

    /** A sandbox's running proxy; it lives as long as the sandbox. */
    interface Handle extends AutoCloseable {
        /**
         * A new run (the start batch, or a batch fed into the live sandbox) begins: the proxy counts
         * the model calls that follow against this run's budgets.
         */
        void beginRun(String runId);
    }
}
