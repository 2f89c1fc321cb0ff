package dev.pincer.agent.media;

import dev.pincer.protocol.SandboxPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Reads the files of the inbox ({@link SandboxPaths#INBOX}, mounted read-only) by the sandbox paths the
 * prompt names, and nothing else: the path must be a plain one under the inbox (no {@code .} or
 * {@code ..} segments), no part of it may be a symbolic link, the file must be a regular one, and it
 * is read only up to a cap. The inbox is found at a folder given by the caller (the sandbox's own
 * {@code /workspace/group/inbox}; a temp folder in tests).
 */
final class InboxFiles {

    /** Why a file was not read, said so that the model can be told. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String why) {
            super(why);
        }
    }

    private static final String PREFIX = SandboxPaths.INBOX + "/";

    private final Path root;

    /** @param root where {@link SandboxPaths#INBOX} is on this machine */
    InboxFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The bytes of the file at sandbox path {@code path}, refused when it is larger than {@code cap}. */
    byte[] read(String path, long cap) throws Refused {
        Path file = locate(path);
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attrs.isRegularFile()) {
                throw new Refused("it is not a regular file");
            }
            if (attrs.size() > cap) {
                throw new Refused("it is " + megabytes(attrs.size()) + ", more than the " + megabytes(cap) + " a model is given");
            }
            try (InputStream in = Channels.newInputStream(Files.newByteChannel(file, StandardOpenOption.READ,
                    LinkOption.NOFOLLOW_LINKS))) {
                byte[] bytes = in.readNBytes((int) cap + 1);
                if (bytes.length > cap) {
                    throw new Refused("it grew beyond " + megabytes(cap) + " while it was read");
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new Refused("it is no longer there");
        } catch (IOException e) {
            throw new Refused("it cannot be read (" + e.getMessage() + ")");
        }
    }

    /** The file of {@code path} on this machine, when it is a plain path under the inbox without links. */
    private Path locate(String path) throws Refused {
        if (path == null || !path.startsWith(PREFIX) || path.indexOf('\0') >= 0) {
            throw new Refused("it is not in " + SandboxPaths.INBOX);
        }
        String rel = path.substring(PREFIX.length());
        for (String segment : rel.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new Refused("its path " + path + " is not a plain path inside " + SandboxPaths.INBOX);
            }
        }
        Path realRoot;
        Path file;
        try {
            realRoot = root.toRealPath();
            file = realRoot.resolve(rel);
        } catch (NoSuchFileException e) {
            throw new Refused("the inbox " + SandboxPaths.INBOX + " is not there");
        } catch (IOException | InvalidPathException e) {
            throw new Refused("it cannot be found (" + e.getMessage() + ")");
        }
        try {
            if (!file.toRealPath().equals(file)) {
                throw new Refused("it is reached through a symbolic link, which is not followed");
            }
        } catch (NoSuchFileException e) {
            throw new Refused(Files.isSymbolicLink(file) ? "it is a symbolic link, which is not followed" : "it is no longer there");
        } catch (IOException e) {
            throw new Refused("it cannot be found (" + e.getMessage() + ")");
        }
        return file;
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_048_576.0);
    }
}
