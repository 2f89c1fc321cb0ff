package dev.pincer.cli;

import java.nio.file.Path;
import java.util.Map;

/** Shared start-up facts for commands: where home is. */
final class Launch {
    private Launch() {}

    /** PINCER_HOME when set (the launcher sets it), else the working directory. */
    static Path defaultHome(Map<String, String> env) {
        return Path.of(env.getOrDefault("PINCER_HOME", ".")).toAbsolutePath().normalize();
    }
}
