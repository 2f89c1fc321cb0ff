package dev.pincer.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the tools that change a file (Write, Edit) share: the change runs under the file's lock
 * (the tool calls of one turn run in parallel), and only once the path passed the same checks: it
 * is absolute, not a directory, and not on the sandbox's throwaway root (see {@link MountTable}).
 */
final class FileChanges {

    /** The change itself, given the checked path and the path as the model wrote it. */
    interface Change {
        ToolResult apply(Path path, String raw) throws Exception;
    }

    private final Supplier<MountTable> mounts;
    private final FileLocks locks;

    /** @param mounts the mount table (tests pass their own) */
    FileChanges(Supplier<MountTable> mounts, FileLocks locks) {
        this.mounts = mounts;
        this.locks = locks;
    }

    /** Checks against the sandbox's own mount table; one instance is shared by every tool that changes files. */
    static FileChanges inSandbox() {
        return new FileChanges(MountTable::current, new FileLocks());
    }

    /**
     * Applies {@code change} to the input's {@code file_path} once it passed the checks, holding its lock.
     *
     * @param action what the tool does, for error messages, e.g. {@code "write"}
     */
    ToolResult apply(JsonNode input, String action, Change change) throws Exception {
        String raw = ToolInputs.requiredString(input, "file_path");
        Path path = Path.of(raw);
        if (!path.isAbsolute()) {
            return ToolResult.error("file_path must be an absolute path, got '" + raw + "'");
        }
        return locks.with(path, () -> {
            if (Files.isDirectory(path)) {
                return ToolResult.error(raw + " is a directory; give the path of a file inside it.");
            }
            Optional<String> throwaway = mounts.get().throwawayRootProblem(path);
            if (throwaway.isPresent()) {
                return FileErrors.throwaway(action, raw, throwaway.get());
            }
            return change.apply(path, raw);
        });
    }

    /** Writes {@code bytes} to {@code path}, creating missing parent folders and replacing what was there. */
    static void write(Path path, byte[] bytes) throws IOException {
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        Files.write(path, bytes);
    }
}
