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
 * this process's own cgroups, so each sandbox nests under the cgroup the host itself is in.
 */
public final class LimitsProbe {
    private LimitsProbe() {}

    /** A mount from {@code /proc/self/mounts}: where, which file system type, its options. */
    record CgroupMount(Path where, String type, List<String> options) {}

    /** Probes the real host. */
    public static LimitsMechanism probe() {
        return probe(Path.of("/proc/self/mounts"), Path.of("/proc/self/cgroup"), HostSystem.findExecutable("prlimit"),
                HostSystem.effectiveUid() == 0);
    }

    static LimitsMechanism probe(Path mountsFile, Path selfCgroupFile, Optional<Path> prlimit) {
        return probe(mountsFile, selfCgroupFile, prlimit, true);
    }

    /** @param asRoot whether sandboxes run as the dedicated agent uid (see {@link Prlimit#ownAgentUid}) */
    static LimitsMechanism probe(Path mountsFile, Path selfCgroupFile, Optional<Path> prlimit, boolean asRoot) {
        List<CgroupMount> mounts;
        List<String> own;
        try {
            mounts = cgroupMounts(Files.readAllLines(mountsFile));
            own = Files.readAllLines(selfCgroupFile);
        } catch (IOException e) {
            mounts = List.of();
            own = List.of();
        }
        Optional<LimitsMechanism> found = v2(mounts, own);
        if (found.isEmpty()) {
            found = v1(mounts, own);
        }
        if (found.isPresent()) {
            return found.get();
        }
        return prlimit.<LimitsMechanism>map(p -> new Prlimit(p, asRoot))
                .orElseGet(() -> new LimitsMechanism.None("no writable cgroup and no prlimit"));
    }

    static Optional<LimitsMechanism> v2(List<CgroupMount> mounts, List<String> own) {
        Optional<String> path = ownPath(own, "");
        Optional<CgroupMount> mount = mounts.stream().filter(m -> m.type().equals("cgroup2")).findFirst();
        if (path.isEmpty() || mount.isEmpty()) {
            return Optional.empty();
        }
        Path dir = under(mount.get().where(), path.get());
        try {
            List<String> enabled = Arrays.asList(Files.readString(dir.resolve("cgroup.subtree_control")).strip().split("\\s+"));
            if (enabled.containsAll(List.of("memory", "pids", "cpu")) && Files.isWritable(dir)) {
                return Optional.of(new CgroupV2(dir));
            }
        } catch (IOException e) {
            // not delegated here
        }
        return Optional.empty();
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
     * This process's cgroup in the v1 hierarchy of {@code controller}, if it is a writable cgroup
     * (a root cgroup has no limit files of its own, only its children do).
     */
    private static Optional<Path> v1Dir(List<CgroupMount> mounts, List<String> own, String controller) {
        Optional<CgroupMount> mount = mounts.stream()
                .filter(m -> m.type().equals("cgroup") && m.options().contains(controller)).findFirst();
        Optional<String> path = ownPath(own, controller);
        if (mount.isEmpty() || path.isEmpty()) {
            return Optional.empty();
        }
        Path dir = under(mount.get().where(), path.get());
        return Files.isRegularFile(dir.resolve("cgroup.procs")) && Files.isWritable(dir) ? Optional.of(dir) : Optional.empty();
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

    private static Path under(Path mount, String path) {
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
