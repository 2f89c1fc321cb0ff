package dev.pincer.agent.tools;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Turns the I/O failures of file tools into messages for the model. The tools do not police
 * paths (the sandbox is the boundary), so writing to a read-only mount or reading a path that
 * exists only on the host must fail here, clearly, as an {@code is_error} result.
 */
final class FileErrors {
    private FileErrors() {}

    /**
     * @param action what failed, e.g. {@code "write"} or {@code "read"}
     * @param raw    the path as the model gave it
     */
    static ToolResult of(String action, String raw, IOException e) {
        return ToolResult.error(describe(action, raw, e));
    }

    /** Writing {@code raw} would land on the sandbox's throwaway root; {@code problem} says why (see {@link MountTable}). */
    static ToolResult throwaway(String action, String raw, String problem) {
        return ToolResult.error("Cannot " + action + " " + raw + ": " + problem + ". Anything written outside the "
                + "mounted folders is lost when the run ends; write inside the workspace instead.");
    }

    static String describe(String action, String raw, IOException e) {
        String file = e instanceof FileSystemException fse && fse.getFile() != null ? fse.getFile() : raw;
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : "";
        if (reason.toLowerCase(Locale.ROOT).contains("read-only file system")) {
            return "Cannot " + action + " " + raw + ": " + file + " is on a read-only file system (EROFS). "
                    + "This location is mounted read-only in the sandbox; write inside the workspace instead.";
        }
        return switch (e) {
            case NoSuchFileException n -> "Cannot " + action + " " + raw + ": " + file + " does not exist in the sandbox.";
            case AccessDeniedException a -> "Cannot " + action + " " + raw + ": permission denied on " + file
                    + ". This location is not writable in the sandbox; use the workspace instead.";
            case NotDirectoryException n -> "Cannot " + action + " " + raw + ": " + file + " is not a directory.";
            case CharacterCodingException c -> "Cannot " + action + " " + raw + ": the file is not valid UTF-8 text.";
            case FileSystemException f -> "Cannot " + action + " " + raw + ": " + (reason.isEmpty() ? f.getMessage() : file + ": " + reason) + ".";
            default -> "Cannot " + action + " " + raw + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        };
    }
}
