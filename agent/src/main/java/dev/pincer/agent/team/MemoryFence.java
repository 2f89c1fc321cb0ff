package dev.pincer.agent.team;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The fence of a shared sub-agent: everything under the group's {@code agents/} folder is closed to
 * it (the other types' memory folders and the definitions) except its own folder
 * {@code agents/<type>/}. Paths are checked as written and, when they exist, as their real path
 * (a link elsewhere in the group does not lead around the fence). See docs/SECURITY.md.
 */
public final class MemoryFence {
    private final Path agentsDir;
    private final Path own;
    private final Path workDir;

    /**
     * @param agentsDir the group's {@code agents/} folder
     * @param ownType   the sub-agent's type: {@code agents/<ownType>/} stays open
     * @param workDir   the base of relative paths
     */
    public MemoryFence(Path agentsDir, String ownType, Path workDir) {
        this.agentsDir = agentsDir.toAbsolutePath().normalize();
        this.own = this.agentsDir.resolve(ownType);
        this.workDir = workDir;
    }

    /** The sub-agent's own memory folder. */
    public Path ownFolder() {
        return own;
    }

    /** Whether {@code raw} (absolute, or relative to the working directory) is behind the fence. */
    public boolean closes(String raw) {
        Path p = workDir.resolve(raw).toAbsolutePath().normalize();
        return closed(p) || closed(real(p));
    }

    /** {@code text} without its lines that name a path behind the fence. */
    public String filter(String text) {
        String prefix = agentsDir + "/";
        return text.lines().filter(line -> !namesClosed(line, prefix)).collect(Collectors.joining("\n"));
    }

    private boolean namesClosed(String line, String prefix) {
        for (int i = line.indexOf(prefix); i >= 0; i = line.indexOf(prefix, i + 1)) {
            String rest = line.substring(i + prefix.length());
            String ownName = own.getFileName().toString();
            if (!(rest.startsWith(ownName + "/") || rest.equals(ownName))) {
                return true;
            }
        }
        return false;
    }

    private boolean closed(Path p) {
        return p.startsWith(agentsDir) && !p.equals(agentsDir) && !p.startsWith(own);
    }

    /** The real path of {@code p}, or of its nearest existing parent with the rest appended. */
    private static Path real(Path p) {
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(p)).normalize();
        } catch (IOException e) {
            return p;
        }
    }
}
