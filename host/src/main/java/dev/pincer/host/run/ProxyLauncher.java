package dev.pincer.host.run;

import java.io.IOException;
import java.nio.file.Path;

/** Opens the egress proxy endpoint of one sandbox: a Unix socket in the group's run directory. */
@FunctionalInterface
public interface ProxyLauncher {
    AutoCloseable open(String folder, Path runDir) throws IOException;
}
