package dev.pincer.host.ipc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A folder the sandbox writes and the host reads: {@code output/} or {@code requests/}. The host
 * never opens a file where the sandbox can still change it. {@link #take} first moves the name,
 * whatever it is (file, link, FIFO, socket, device, folder), with one {@code renameat} from the
 * subfolder (opened without following links, see {@link IpcDir}) into the host-only
 * {@code data/ipc-work/<folder>/<sub>/}; only there is its type checked and, if it is a regular
 * file, is it opened ({@link TakenFile}). No sandbox mounts that folder, so nothing can swap the
 * entry between the check and the open: a FIFO renamed over a checked file is never opened and
 * cannot block a host thread.
 *
 * @param dir  the folder the sandbox writes
 * @param work the host-only {@code data/ipc-work/<folder>/<sub>/} a name is moved into before it is read
 */
public record IpcInbox(IpcDir dir, Path work) {

    /** The folder as the sandbox writes it (for watching). */
    public Path path() {
        return dir.path();
    }

    /**
     * Names waiting to be read: first those taken but not finished (a crash came in between),
     * then every name in the folder, each group in name order.
     */
    public List<String> names() throws IOException {
        Set<String> names = new LinkedHashSet<>(taken());
        names.addAll(dir.names());
        return new ArrayList<>(names);
    }

    /** Moves {@code name} out of the sandbox's reach (unless an earlier take left it there) and returns it. */
    public TakenFile take(String name) throws IOException {
        Path target = work.resolve(name);
        if (target.getNameCount() != work.getNameCount() + 1 || !target.startsWith(work)) {
            throw new IOException("not a single file name: " + name);
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            hostOnlyFolder(work);
            dir.moveOut(name, work, name);
        }
        return new TakenFile(target);
    }

    /** Removes {@code name} unread: from the work folder if it was taken, else from the folder (a link is removed, never followed). */
    public void discard(String name) throws IOException {
        if (!Files.deleteIfExists(work.resolve(name))) {
            dir.delete(name);
        }
    }

    /** Moves everything waiting, taken or not, to {@code errors} unread: nobody waits for what a dead sandbox left. */
    public void clear(Path errors, String prefix) throws IOException {
        for (String name : taken()) {
            new TakenFile(work.resolve(name)).moveTo(errors, prefix + name + "-" + System.nanoTime());
        }
        dir.clear(errors, prefix);
    }

    private List<String> taken() throws IOException {
        if (!Files.exists(work, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        hostOnlyFolder(work);
        try (Stream<Path> s = Files.list(work)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Creates the work folder (mode 0700) unless it exists; a link in its place is refused, never followed. */
    private static void hostOnlyFolder(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            throw new IOException(dir + " is a symlink; Pincer does not follow links in its own folders. Remove it.");
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
