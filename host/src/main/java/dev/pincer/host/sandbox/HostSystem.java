package dev.pincer.host.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The few facts about the host that the runtime needs: who we are and where tools live. */
public final class HostSystem {
    private HostSystem() {}

    /** Directories searched for system tools, after the JVM's own PATH. */
    public static final String SYSTEM_PATH = "/usr/sbin:/usr/bin:/sbin:/bin";

    /** The effective uid of this JVM, from {@code /proc/self/status}. */
    public static int effectiveUid() {
        return statusId("Uid:");
    }

    /** The effective id (second field) of a {@code Uid:} or {@code Gid:} line of {@code /proc/self/status}. */
    private static int statusId(String prefix) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(prefix)) {
                    return Integer.parseInt(line.substring(prefix.length()).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/status to learn the effective " + prefix, e);
        }
        throw new IllegalStateException("/proc/self/status has no " + prefix + " line");
    }

    /** The effective gid of this JVM, from {@code /proc/self/status}. */
    public static int effectiveGid() {
        return statusId("Gid:");
    }

    /**
     * The world-readable {@code /etc} entries programs from the host's {@code /usr} need next to it
     * (alternatives links such as {@code awk}, the loader cache, CA certificates, the time zone,
     * Debian's OpenJDK config links), those that exist here. Sandboxes that see the host's /usr get
     * them read-only.
     */
    public static List<Path> etcForUsr() {
        List<Path> etc = new ArrayList<>(List.of(Path.of("/etc/alternatives"), Path.of("/etc/ld.so.cache"),
                Path.of("/etc/ssl/certs"), Path.of("/etc/localtime")));
        // Debian's OpenJDK links conf/ and lib/security/ into /etc/java-<N>-openjdk.
        try (DirectoryStream<Path> javaEtc = Files.newDirectoryStream(Path.of("/etc"), "java-*")) {
            javaEtc.forEach(etc::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /etc", e);
        }
        etc.removeIf(p -> !Files.exists(p));
        return etc;
    }

    /** An executable named {@code name} on the JVM's PATH or the system directories. */
    public static Optional<Path> findExecutable(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(List.of(SYSTEM_PATH.split(":")));
        for (String dir : dirs) {
            if (dir.isEmpty() || !dir.startsWith("/")) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
