package dev.pincer.host.sandbox;

/**
 * Hides a path that exists under an earlier mount: a file gets {@code /dev/null} bound over it,
 * a directory an empty read-only tmpfs. The agent sees the name but none of the content.
 */
public record Mask(String target, boolean directory) {
    public Mask {
        SandboxTargets.requireValid(target);
    }
}
