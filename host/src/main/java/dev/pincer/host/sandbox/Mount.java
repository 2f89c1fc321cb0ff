package dev.pincer.host.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A bind mount into the sandbox: host {@code source} appears at {@code target} inside, read-only
 * unless {@code writable}.
 */
public record Mount(Path source, String target, boolean writable) {
    public Mount {
        Objects.requireNonNull(source, "source");
        if (!source.isAbsolute()) {
            throw new IllegalArgumentException("mount source must be an absolute path: " + source);
        }
        SandboxTargets.requireValid(target);
    }

    public static Mount readOnly(Path source, String target) {
        return new Mount(source, target, false);
    }

    public static Mount readWrite(Path source, String target) {
        return new Mount(source, target, true);
    }
}
