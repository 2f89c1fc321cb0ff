package dev.pincer.host.sandbox.limits;

import dev.pincer.host.sandbox.HostSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds how limits can be enforced here, in order: a delegated cgroup v2 subtree, cgroup v1
 * hierarchies (memory, pids and cpu), {@code prlimit}, else nothing. Reads the mount table and
 * this process's own cgroups, so each sandbox nests under the cgroup the host itself is in; under
 * cgroup v1 a normal user's Pincer, whose own cgroups are not writable, uses a {@value #DELEGATED}
 * cgroup an administrator created for it in each hierarchy ({@link LimitsAdvice} says how).
 */
public final class LimitsProbe {
    private LimitsProbe() {}

    /** The cgroup v1 directory (under each hierarchy's mount) a normal user's Pincer may be given. */
    public static final String DELEGATED = "pincer";

    /** A mount from {@code /proc/self/mounts}: where, which file system type, its options. */
    record CgroupMount(Path where, String type, List<String> options) {}

    /** What the probe reads: the mount table, this process's cgroups, and who it is. */
    record Host(Path mountsFile, Path selfCgroupFile, Optional<Path> prlimit, boolean asRoot, long pid) {}

    /** Probes the real host. */
    public static LimitsMechanism probe() {
        return probe(new Host(Path.of("/proc/self/mounts"), Path.of("/proc/self/cgroup"), HostSystem.findExecutable("prlimit"),
                HostSystem.effectiveUid() == 0, ProcessHandle.current().pid()));
    }

    static LimitsMechanism probe(Path mountsFile, Path selfCgroupFile, Optional<Path> prlimit) {
        return probe(mountsFile, selfCgroupFile, prlimit, true);
    }

    /** @param asRoot whether sandboxes run as the dedicated agent uid (see {@link Prlimit#ownAgentUid}) */
    static LimitsMechanism probe(Path mountsFile, Path selfCgroupFile, Optional<Path> prlimit, boolean asRoot) {
        return probe(new Host(mountsFile, selfCgroupFile, prlimit, asRoot, ProcessHandle.current().pid()));
    }

    static LimitsMechanism probe(Host host) {
        List<CgroupMount> mounts = mounts(host.mountsFile());
        List<String> own = lines(host.selfCgroupFile());
        Optional<LimitsMechanism> found = v2(mounts, own, host.pid());
        if (found.isEmpty()) {
            found = v1(mounts, own);
        }
        if (found.isPresent()) {
            return found.get();
        }
        return host.prlimit().<LimitsMechanism>map(p -> new Prlimit(p, host.asRoot()))
                .orElseGet(() -> new LimitsMechanism.None("no writable cgroup and no prlimit"));
    }

    static List<CgroupMount> mounts(Path mountsFile) {
        return cgroupMounts(lines(mountsFile));
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }

    static Optional<LimitsMechanism> v2(List<CgroupMount> mounts, List<String> own, long pid) {
        Optional<String> path = ownPath(own, "");
        Optional<CgroupMount> mount = mounts.stream().filter(m -> m.type().equals("cgroup2")).findFirst();
        if (path.isEmpty() || mount.isEmpty()) {
            return Optional.empty();
        }
        return CgroupV2.claim(under(mount.get().where(), path.get()), pid).map(LimitsMechanism.class::cast);
    }

    static Optional<LimitsMechanism> v1(List<CgroupMount> mounts, List<String> own) {
        Optional<Path> memory = v1Dir(mounts, own, "memory");
        Optional<Path> pids = v1Dir(mounts, own, "pids");
        Optional<Path> cpu = v1Dir(mounts, own, "cpu");
        if (memory.isEmpty() || pids.isEmpty() || cpu.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CgroupV1(memory.get(), pids.get(), cpu.get()));
    }

    /**
     * Where sandboxes nest in the v1 hierarchy of {@code controller}: this process's own cgroup if
     * it is writable, else the {@value #DELEGATED} cgroup under the hierarchy's mount if that is (a
     * root cgroup has no limit files of its own, only its children do).
     */
    private static Optional<Path> v1Dir(List<CgroupMount> mounts, List<String> own, String controller) {
        Optional<CgroupMount> mount = v1Mount(mounts, controller);
        Optional<String> path = ownPath(own, controller);
        if (mount.isEmpty()) {
            return Optional.empty();
        }
        if (path.isPresent() && usable(under(mount.get().where(), path.get()))) {
            return Optional.of(under(mount.get().where(), path.get()));
        }
        Path delegated = mount.get().where().resolve(DELEGATED);
        return usable(delegated) ? Optional.of(delegated) : Optional.empty();
    }

    static Optional<CgroupMount> v1Mount(List<CgroupMount> mounts, String controller) {
        return mounts.stream().filter(m -> m.type().equals("cgroup") && m.options().contains(controller)).findFirst();
    }

    private static boolean usable(Path dir) {
        return Files.isRegularFile(dir.resolve("cgroup.procs")) && Files.isWritable(dir);
    }

    /**
     * The path of this process's cgroup from {@code /proc/self/cgroup} lines
     * ({@code id:controllers:path}); controller "" selects the v2 line {@code 0::path}.
     */
    static Optional<String> ownPath(List<String> lines, String controller) {
        for (String line : lines) {
            String[] f = line.split(":", 3);
            if (f.length != 3) {
                continue;
            }
            boolean match = controller.isEmpty()
                    ? f[0].equals("0") && f[1].isEmpty()
                    : Arrays.asList(f[1].split(",")).contains(controller);
            if (match && f[2].startsWith("/") && !f[2].contains("/../") && !f[2].endsWith("/..")) {
                return Optional.of(f[2]);
            }
        }
        return Optional.empty();
    }

    static List<CgroupMount> cgroupMounts(List<String> lines) {
        List<CgroupMount> mounts = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f.length >= 4 && (f[2].equals("cgroup") || f[2].equals("cgroup2"))) {
                mounts.add(new CgroupMount(Path.of(unescape(f[1])), f[2], List.of(f[3].split(","))));
            }
        }
        return mounts;
    }

    static Path under(Path mount, String path) {
        return path.equals("/") ? mount : mount.resolve(path.substring(1));
    }

    /** {@code /proc/self/mounts} writes space, tab, newline and backslash as octal escapes. */
    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
