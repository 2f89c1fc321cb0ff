package dev.pincer.host.sandbox.limits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Small file operations shared by the cgroup mechanisms. */
final class Cgroups {
    private Cgroups() {}

    /** Writes one value into a control file, as {@code echo value > file} would. */
    static void write(Path file, String value) throws IOException {
        try {
            Files.writeString(file, value + "\n", StandardCharsets.US_ASCII, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new IOException("cannot write " + value + " to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Creates each directory; on failure removes the ones already made and rethrows. */
    static void createAll(List<Path> dirs) throws IOException {
        for (int i = 0; i < dirs.size(); i++) {
            try {
                Files.createDirectory(dirs.get(i));
            } catch (IOException e) {
                for (int j = i - 1; j >= 0; j--) {
                    Files.deleteIfExists(dirs.get(j));
                }
                throw new IOException("cannot create the sandbox cgroup " + dirs.get(i) + ": " + e, e);
            }
        }
    }
}
