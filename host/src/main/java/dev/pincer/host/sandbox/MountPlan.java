package dev.pincer.host.sandbox;

import dev.pincer.host.config.GroupFolder;
import dev.pincer.host.config.Layout;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.protocol.SandboxPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one group's sandbox sees (docs/SECURITY.md, promise 3): the bind mounts, then the masks that hide
 * secrets inside them. Built from explicit inputs; the only file system access is deciding which
 * masked paths exist and where the JRE really lives.
 *
 * @param groupFolder the validated group folder name
 * @param main whether this is the main (owner's admin) group
 * @param javaHome the JRE's directory as seen inside the sandbox (same path as on the host)
 * @param mounts bind mounts, in order
 * @param masks masks applied after all mounts
 */
public record MountPlan(String groupFolder, boolean main, String javaHome, List<Mount> mounts, List<Mask> masks) {

    /** Paths of the project root that are never visible to the main group's agent. */
    public static final List<String> PROJECT_MASKED = List.of(".env", "store", "data", "logs");

    public MountPlan {
        requireValidFolder(groupFolder);
        SandboxTargets.requireValid(javaHome);
        mounts = List.copyOf(mounts);
        masks = List.copyOf(masks);
    }

    /** Throws {@link IllegalArgumentException} unless {@code folder} is a valid group folder name. */
    public static String requireValidFolder(String folder) {
        return GroupFolder.check(folder);
    }

    /**
     * The plan for one group.
     *
     * @param home PINCER_HOME
     * @param folder the group's folder name (validated)
     * @param isMain whether the group is the main group (sees the project, may write global memory)
     * @param agentJar the agent jar on the host, bound read-only at {@link SandboxPaths#AGENT_JAR}
     * @param javaHome the JRE that runs the agent; bound read-only unless it lives under /usr
     */
    public static MountPlan forGroup(Path home, String folder, boolean isMain, Path agentJar, Path javaHome) {
        return forGroup(home, folder, isMain, agentJar, javaHome, List.of());
    }

    /**
     * The plan for one group with the extra mounts {@link ExtraMounts#validate} granted; each must
     * target {@code /workspace/extra/<name>}.
     */
    public static MountPlan forGroup(Path home, String folder, boolean isMain, Path agentJar, Path javaHome,
                                     List<Mount> extraMounts) {
        requireValidFolder(folder);
        for (Mount m : extraMounts) {
            String rest = m.target().startsWith(SandboxPaths.EXTRA + "/") ? m.target().substring(SandboxPaths.EXTRA.length() + 1) : "";
            if (rest.isEmpty() || rest.contains("/")) {
                throw new IllegalArgumentException("an extra mount must target " + SandboxPaths.EXTRA + "/<name>: " + m.target());
            }
        }
        Objects.requireNonNull(agentJar, "agentJar");
        Path root = realPath(home, "PINCER_HOME");
        Path jre = realPath(javaHome, "java home");
        List<Mount> mounts = new ArrayList<>();
        mounts.add(Mount.readWrite(root.resolve("groups").resolve(folder), SandboxPaths.GROUP));
        mounts.add(Mount.readOnly(new Layout(root).mediaDir(folder), SandboxPaths.INBOX));
        mounts.add(new Mount(root.resolve("groups").resolve("global"), SandboxPaths.GLOBAL, isMain));
        List<Mask> masks = new ArrayList<>();
        if (isMain) {
            mounts.add(Mount.readOnly(root, SandboxPaths.PROJECT));
            masks.addAll(projectMasks(root));
        }
        mounts.add(Mount.readWrite(ipcDir(root, folder), SandboxPaths.IPC));
        mounts.add(Mount.readWrite(sessionsDir(root, folder), SandboxPaths.HOME));
        mounts.add(Mount.readWrite(runDir(root, folder), SandboxPaths.RUN));
        mounts.addAll(extraMounts);
        mounts.addAll(agentMounts(agentJar, jre));
        return new MountPlan(folder, isMain, jre.toString(), mounts, masks);
    }

    /**
     * The plan of one of group {@code folder}'s sandbox teammates (docs/SECURITY.md, isolated
     * teammates): only {@code own} (folders the host made for it: its memory, the run's scratch, its
     * IPC, home and proxy folders) and the agent's jar and JRE; never the group folder, the global
     * memory or the project. Its sandbox is never the main group's.
     */
    public static MountPlan forTeammate(String folder, List<Mount> own, Path agentJar, Path javaHome) {
        requireValidFolder(folder);
        Objects.requireNonNull(agentJar, "agentJar");
        Path jre = realPath(javaHome, "java home");
        List<Mount> mounts = new ArrayList<>(own);
        mounts.addAll(agentMounts(agentJar, jre));
        return new MountPlan(folder, false, jre.toString(), mounts, List.of());
    }

    /** The agent jar at {@link SandboxPaths#AGENT_JAR} and the JRE at its own path unless it lives under /usr. */
    private static List<Mount> agentMounts(Path agentJar, Path jre) {
        List<Mount> mounts = new ArrayList<>();
        mounts.add(Mount.readOnly(agentJar.toAbsolutePath().normalize(), SandboxPaths.AGENT_JAR));
        if (!jre.startsWith("/usr")) {
            mounts.add(Mount.readOnly(jre, jre.toString()));
        }
        return mounts;
    }

    /** {@code data/ipc/<folder>} under {@code home}. */
    public static Path ipcDir(Path home, String folder) {
        return new Layout(home).ipcDir(folder);
    }

    /** {@code data/sessions/<folder>} under {@code home}: the agent's home directory. */
    public static Path sessionsDir(Path home, String folder) {
        return new Layout(home).sessionsDir(folder);
    }

    /** {@code data/run/<folder>} under {@code home}: holds the group's proxy socket. */
    public static Path runDir(Path home, String folder) {
        return new Layout(home).runDir(folder);
    }

    /**
     * Creates the directories a group's sandbox binds, if missing: {@code groups/<folder>},
     * {@code groups/global}, {@code data/ipc/<folder>} with its four IPC folders,
     * {@code data/sessions/<folder>} and {@code data/run/<folder>} (mode 0700).
     */
    public static void createGroupDirectories(Path home, String folder) throws IOException {
        requireValidFolder(folder);
        Path group = hostDirectory(home.resolve("groups").resolve(folder));
        hostDirectory(home.resolve("groups").resolve("global"));
        Path inbox = group.resolve("inbox"); // the media folder, mounted read-only over itself: a plain folder, never a link
        if (Files.exists(inbox, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(inbox, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(inbox);
        }
        if (!Files.exists(inbox, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(inbox);
        }
        Path ipc = hostDirectory(ipcDir(home, folder));
        for (String sub : List.of(IpcFiles.INPUT, IpcFiles.OUTPUT, IpcFiles.REQUESTS, IpcFiles.RESPONSES)) {
            Path dir = ipc.resolve(sub);
            if (Files.isSymbolicLink(dir)) {
                Files.delete(dir); // planted by a sandbox (the IPC folder is writable inside): removed, never followed
            }
            Files.createDirectories(dir);
        }
        hostDirectory(sessionsDir(home, folder));
        Path run = hostDirectory(runDir(home, folder));
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx------"));
    }

    /**
     * Creates {@code dir} (and its parents) unless it exists; refuses a symlink, so the host never
     * creates, chmods or writes through a link instead of its own directory.
     */
    private static Path hostDirectory(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            throw new IOException(dir + " is a symlink; Pincer does not follow links in its own folders."
                    + " Replace it with a real directory.");
        }
        return Files.createDirectories(dir);
    }

    /** This plan with one more mount (after the others), e.g. the agent JVM's cache, read-only. */
    public MountPlan with(Mount mount) {
        List<Mount> more = new ArrayList<>(mounts);
        more.add(mount);
        return new MountPlan(groupFolder, main, javaHome, more, masks);
    }

    /** The host directories the sandbox may write to. */
    public List<Path> writableSources() {
        return mounts.stream().filter(Mount::writable).map(Mount::source).toList();
    }

    /** The mount at {@code target}, if any. */
    public Mount mountAt(String target) {
        return mounts.stream().filter(m -> m.target().equals(target)).findFirst().orElse(null);
    }

    /**
     * Masks for the project mount: only names that exist are masked. A masked name that is a
     * symlink pointing outside the project dangles inside the sandbox, so there is nothing to hide;
     * one pointing inside the project would expose its target under another name (and perhaps
     * through another mount), so the plan is refused.
     */
    private static List<Mask> projectMasks(Path root) {
        List<Mask> masks = new ArrayList<>();
        for (String name : PROJECT_MASKED) {
            Path p = root.resolve(name);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (Files.isSymbolicLink(p)) {
                if (Files.exists(p) && realPath(p, name).startsWith(root)) {
                    throw new IllegalStateException(p + " is a symlink into the project; it cannot be masked safely."
                            + " Replace the symlink with the real file or directory.");
                }
                continue;
            }
            masks.add(new Mask(SandboxPaths.PROJECT + "/" + name, Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)));
        }
        return masks;
    }

    private static Path realPath(Path p, String what) {
        Objects.requireNonNull(p, what);
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(what + " " + p + " is not accessible: " + e.getMessage(), e);
        }
    }

}
