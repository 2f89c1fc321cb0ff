package dev.pincer.host.sandbox;

import dev.pincer.protocol.SandboxPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every runtime does with a plan's bind sources before a sandbox starts, whatever launches it:
 * resolve them (so the checks below see real paths), hand the writable ones to the agent uid, and
 * place the run log where the sandbox cannot plant a link.
 */
public final class BindSources {
    private BindSources() {}

    private static final Logger log = LoggerFactory.getLogger(BindSources.class);

    /**
     * The plan's mounts with their sources resolved, the writable ones prepared (see
     * {@link #prepareWritable}); a missing source fails before anything starts.
     *
     * @param asRoot whether the host runs as root, so writable sources are handed to {@code uid:gid}
     */
    public static List<Mount> prepare(MountPlan plan, boolean asRoot, int uid, int gid) throws IOException {
        List<Mount> mounts = resolve(plan.mounts());
        prepareWritable(mounts, asRoot, uid, gid);
        return mounts;
    }

    /** The mounts with their sources resolved; a missing source fails before anything starts. */
    private static List<Mount> resolve(List<Mount> mounts) throws IOException {
        List<Mount> resolved = new ArrayList<>();
        for (Mount m : mounts) {
            Path real;
            try {
                real = m.source().toRealPath();
            } catch (NoSuchFileException e) {
                throw new NoSuchFileException(m.source().toString(), null,
                        "bind source for " + m.target() + " does not exist; create it before starting the sandbox");
            }
            resolved.add(new Mount(real, m.target(), m.writable()));
        }
        return resolved;
    }

    /**
     * The run log is opened by this (possibly root) process, so it must not live where the sandbox
     * can plant a symlink: refuse a log directory inside any writable bind source.
     */
    static Path safeLogFile(Path logFile, List<Mount> mounts) throws IOException {
        Path file = logFile.toAbsolutePath().normalize();
        Path dir = Files.createDirectories(file.getParent()).toRealPath();
        for (Mount m : mounts) {
            if (m.writable() && dir.startsWith(m.source())) {
                throw new IllegalArgumentException("the run log " + file + " is inside " + m.source()
                        + ", which the sandbox can write; put run logs outside the sandbox's reach (e.g. PINCER_HOME/logs)");
            }
        }
        if (Files.isSymbolicLink(dir.resolve(file.getFileName()))) {
            throw new IOException("the run log " + file + " is a symlink; refusing to write through it");
        }
        return dir.resolve(file.getFileName());
    }

    /** As root, hands the writable sources to the agent uid; the socket directory is always 0700. */
    private static void prepareWritable(List<Mount> mounts, boolean asRoot, int uid, int gid) throws IOException {
        for (Mount m : mounts) {
            if (!m.writable()) {
                continue;
            }
            if (!Files.isDirectory(m.source())) {
                throw new IOException("writable bind source must be a directory: " + m.source());
            }
            if (asRoot) {
                int changed = AgentOwnership.claim(m.source(), uid, gid);
                if (changed > 0) {
                    log.debug("gave {} entries under {} to uid {}", changed, m.source(), uid);
                }
            }
            if (m.target().equals(SandboxPaths.RUN)) {
                Files.setPosixFilePermissions(m.source(), PosixFilePermissions.fromString("rwx------"));
            }
        }
    }
}
