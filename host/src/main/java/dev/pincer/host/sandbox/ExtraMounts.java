package dev.pincer.host.sandbox;

import dev.pincer.protocol.SandboxPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which extra mounts a group gets (docs/SECURITY.md, promise 3a): each requested host directory is
 * checked against the {@link MountAllowlist} and becomes a bind mount at
 * {@code /workspace/extra/<name>}, or a rejection that says why. Checks, in order:
 * <ol>
 *   <li>the allowlist is usable (a missing or invalid file blocks everything);</li>
 *   <li>the name is one safe path component, unique among the group's extra mounts;</li>
 *   <li>{@code ~} is expanded; the path as written contains no blocked component;</li>
 *   <li>symlinks are resolved ({@code toRealPath}); the result is an existing directory and
 *       contains no blocked component either;</li>
 *   <li>it is neither inside {@code PINCER_HOME} nor contains it, nor contains the allowlist file;</li>
 *   <li>it is under an allowed root (also resolved).</li>
 * </ol>
 * The mount is read-write only if asked for, the root allows it, and the group is main or the
 * allowlist's {@code nonMainReadOnly} is false; otherwise read-only, with a note. The bind source
 * is the resolved path, so a later change of the link does not change what is mounted.
 */
public final class ExtraMounts {
    private ExtraMounts() {}

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** A group's request: {@code hostPath} (may start with {@code ~/}) at {@code /workspace/extra/<name>}. */
    public record Request(String hostPath, String containerPath, boolean readOnly) {}

    /**
     * @param mounts     the granted bind mounts
     * @param rejections one line per refused request, saying why
     * @param notes      one line per granted request that got less than it asked for (read-only)
     */
    public record Result(List<Mount> mounts, List<String> rejections, List<String> notes) {
        public Result {
            mounts = List.copyOf(mounts);
            rejections = List.copyOf(rejections);
            notes = List.copyOf(notes);
        }

        /** The lines for the run log: rejections and notes, each prefixed. */
        public List<String> logLines() {
            List<String> lines = new ArrayList<>();
            rejections.forEach(r -> lines.add("extra mount refused: " + r));
            notes.forEach(n -> lines.add("extra mount: " + n));
            return lines;
        }
    }

    /** Validates {@code requests} of one group. */
    public static Result validate(List<Request> requests, MountAllowlist allowlist, Path pincerHome, Path userHome,
                                  boolean isMain) {
        List<Mount> mounts = new ArrayList<>();
        List<String> rejections = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Request r : requests) {
            try {
                Mount m = check(r, allowlist, pincerHome, userHome, isMain, names, notes);
                mounts.add(m);
            } catch (Refused e) {
                rejections.add(r.hostPath() + ": " + e.getMessage());
            }
        }
        return new Result(mounts, rejections, notes);
    }

    private static Mount check(Request r, MountAllowlist allowlist, Path pincerHome, Path userHome, boolean isMain,
                               Set<String> names, List<String> notes) throws Refused {
        if (!allowlist.usable()) {
            throw new Refused(allowlist.problem());
        }
        Path expanded = MountAllowlist.expandHome(r.hostPath(), userHome);
        if (expanded == null) {
            throw new Refused("hostPath must be absolute or start with ~/");
        }
        String name = r.containerPath() == null || r.containerPath().isBlank()
                ? (expanded.getFileName() == null ? "" : expanded.getFileName().toString()) : r.containerPath().strip();
        if (!NAME.matcher(name).matches()) {
            throw new Refused("containerPath \"" + name + "\" must be one name of letters, digits, '.', '_' or '-'"
                    + " (it is mounted at " + SandboxPaths.EXTRA + "/<name>)");
        }
        if (!names.add(name)) {
            throw new Refused("another extra mount of this group already uses the name \"" + name + "\"");
        }
        String blocked = allowlist.blockedBy(expanded);
        if (blocked != null) {
            throw new Refused(blocked);
        }
        Path real;
        try {
            real = expanded.toRealPath();
        } catch (IOException e) {
            throw new Refused(expanded + " does not exist or cannot be resolved (" + e.getMessage() + ")");
        }
        if (!Files.isDirectory(real)) {
            throw new Refused(real + " is not a directory; only directories can be extra mounts");
        }
        blocked = allowlist.blockedBy(real);
        if (blocked != null) {
            throw new Refused("resolves to " + real + ", where " + blocked);
        }
        Path home = realOrNormal(pincerHome);
        if (real.startsWith(home)) {
            throw new Refused("resolves to " + real + ", inside PINCER_HOME " + home + "; Pincer's own files are never extra mounts");
        }
        if (home.startsWith(real)) {
            throw new Refused("resolves to " + real + ", which contains PINCER_HOME " + home + " (.env, store, data)");
        }
        Path list = realOrNormal(allowlist.file());
        if (list.startsWith(real)) {
            throw new Refused("resolves to " + real + ", which contains the mount allowlist " + list);
        }
        MountAllowlist.Root root = allowlist.roots().stream()
                .filter(ro -> ro.path() != null && real.startsWith(ro.path()))
                .findFirst().orElse(null);
        if (root == null) {
            throw new Refused("resolves to " + real + ", which is under no allowed root ("
                    + (allowlist.roots().isEmpty() ? "the allowlist has none"
                    : String.join(", ", allowlist.roots().stream().map(MountAllowlist.Root::describe).toList())) + ")");
        }
        boolean writable = !r.readOnly() && root.allowReadWrite() && (isMain || !allowlist.nonMainReadOnly());
        if (!r.readOnly() && !writable) {
            notes.add(r.hostPath() + " is mounted read-only: " + (!root.allowReadWrite()
                    ? "its allowed root " + root.declared() + " does not allow read-write"
                    : "nonMainReadOnly is set and this is not the main group"));
        }
        return new Mount(real, SandboxPaths.EXTRA + "/" + name, writable);
    }

    private static Path realOrNormal(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            Path parent = p.toAbsolutePath().normalize().getParent();
            try {
                return parent == null ? p.toAbsolutePath().normalize() : parent.toRealPath().resolve(p.getFileName());
            } catch (IOException e2) {
                return p.toAbsolutePath().normalize();
            }
        }
    }

    private static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }
}
