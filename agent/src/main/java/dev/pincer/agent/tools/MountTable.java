package dev.pincer.agent.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mounts this process sees ({@code /proc/self/mountinfo}). In the sandbox the root folder is
 * a tmpfs of its own: everything the host shares is mounted below it ({@code /workspace/...},
 * {@code /home/agent}, {@code /usr}, ...). A file written to the root tmpfs itself, such as a
 * host path like {@code /work/x} or {@code /root/.env}, reaches nothing and is lost with the
 * sandbox, so Write and Edit refuse it. Outside a sandbox (root not a tmpfs) nothing is refused.
 */
record MountTable(List<Mount> mounts) {

    /** One mount: where it is and its file system type. */
    record Mount(Path mountPoint, String fsType) {}

    static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    /** The current mounts; none when they cannot be read (then nothing is refused). */
    static MountTable current() {
        try {
            return parse(Files.readString(MOUNTINFO));
        } catch (IOException | RuntimeException e) {
            return new MountTable(List.of());
        }
    }

    /** Parses mountinfo lines: {@code id parent dev root mount-point options... - fstype source opts}. */
    static MountTable parse(String mountinfo) {
        List<Mount> list = new ArrayList<>();
        for (String line : mountinfo.split("\n")) {
            String[] f = line.trim().split(" ");
            int dash = List.of(f).indexOf("-");
            if (f.length < 5 || dash < 0 || dash + 1 >= f.length) {
                continue;
            }
            list.add(new Mount(Path.of(unescape(f[4])), f[dash + 1]));
        }
        return new MountTable(List.copyOf(list));
    }

    /** The mount holding {@code path} (the last of the longest matching mount points, as the kernel stacks them). */
    Optional<Mount> mountOf(Path path) {
        Mount best = null;
        for (Mount m : mounts) {
            if (path.startsWith(m.mountPoint())
                    && (best == null || m.mountPoint().getNameCount() >= best.mountPoint().getNameCount())) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Why writing {@code target} would land on the sandbox's throwaway root, or empty when it
     * would not (it is under a mounted folder, or this is not a sandbox).
     */
    Optional<String> throwawayRootProblem(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        Path existing = abs;
        Path firstMissing = null;
        while (existing != null && !Files.exists(existing)) {
            firstMissing = existing;
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.empty();
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (IOException e) {
            return Optional.empty();
        }
        Optional<Mount> mount = mountOf(real);
        boolean onRootTmpfs = mount.isPresent() && mount.get().mountPoint().getNameCount() == 0
                && "tmpfs".equals(mount.get().fsType());
        if (!onRootTmpfs) {
            return Optional.empty();
        }
        return Optional.of(firstMissing != null
                ? firstMissing + " does not exist in the sandbox (host paths are not visible here)"
                : abs + " is on the sandbox's temporary root file system, outside the mounted folders");
    }

    private static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }
}
