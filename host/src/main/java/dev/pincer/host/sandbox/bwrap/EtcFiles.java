package dev.pincer.host.sandbox.bwrap;

import dev.pincer.protocol.SandboxPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The sandbox's {@code /etc/passwd}, {@code /etc/group} and {@code /etc/hosts}: an {@code agent}
 * user with home {@link SandboxPaths#HOME}, and a hostname that resolves. Written to files (never
 * put on bwrap's command line, which the agent can read in {@code /proc/1/cmdline}).
 */
final class EtcFiles {
    private EtcFiles() {}

    static final String PASSWD = "passwd";
    static final String GROUP = "group";
    static final String HOSTS = "hosts";

    /** Writes the three files into a fresh directory (mode 0755, files 0644) and returns it. */
    static Path write(int uid, int gid) throws IOException {
        Path dir = Files.createTempDirectory("pincer-etc-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        dir.toFile().deleteOnExit(); // registered first, so deleted after the files
        write(dir.resolve(PASSWD), "agent:x:" + uid + ":" + gid + ":agent:" + SandboxPaths.HOME + ":/bin/sh\n"
                + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
        write(dir.resolve(GROUP), "agent:x:" + gid + ":\nnogroup:x:65534:\n");
        write(dir.resolve(HOSTS), "127.0.0.1\tlocalhost sandbox\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        return dir;
    }

    /** The agent's seccomp program ({@link dev.pincer.host.sandbox.seccomp.SeccompFilter}), loaded by bwrap from an fd. */
    static final String SECCOMP = "seccomp.bpf";

    /** Writes the seccomp program into {@code dir} (0644) and returns the file. */
    static Path writeSeccomp(Path dir, byte[] program) throws IOException {
        Path file = dir.resolve(SECCOMP);
        Files.write(file, program);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        file.toFile().deleteOnExit();
        return file;
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        file.toFile().deleteOnExit();
    }
}
