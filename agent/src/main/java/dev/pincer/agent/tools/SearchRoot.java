package dev.pincer.agent.tools;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The {@code path} argument of Glob and Grep: absent means the workspace, a relative path is
 * resolved against it, an absolute one is used as is (the sandbox is the boundary, not the tool).
 */
final class SearchRoot {
    private SearchRoot() {}

    /**
     * @param raw        the argument, or null
     * @param fileAllowed whether a regular file is acceptable (Grep) or only a directory (Glob)
     * @throws IllegalArgumentException with a message for the model when the path is unusable
     */
    static Path resolve(Path workDir, String raw, boolean fileAllowed) {
        if (raw == null || raw.isBlank() || raw.equals("undefined") || raw.equals("null")) {
            return workDir;
        }
        Path p;
        try {
            p = workDir.resolve(raw.strip()).normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("`path` is not a valid path: " + raw);
        }
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("the path " + p + " does not exist in the sandbox");
        }
        if (!fileAllowed && !Files.isDirectory(p)) {
            throw new IllegalArgumentException("the path " + p + " is not a directory");
        }
        return p;
    }
}
