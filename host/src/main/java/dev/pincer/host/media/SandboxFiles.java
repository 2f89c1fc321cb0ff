package dev.pincer.host.media;

import dev.pincer.host.config.Layout;
import dev.pincer.protocol.SandboxPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a file the agent names by its path inside the sandbox, as the host, without trusting anything
 * the sandbox could have arranged: only {@code /workspace/group/...} (the group's folder) and
 * {@code /workspace/group/inbox/...} (its media) are served; the path is walked one name at a time
 * from the folder the host knows, refusing every symbolic link on the way ({@code O_NOFOLLOW} through
 * {@link SecureDirectoryStream}), so a link the agent planted cannot point the host at its own files;
 * only a regular file is read, at most {@code maxBytes}, and the whole read has a deadline, so a FIFO
 * swapped in at the last moment cannot hold a host thread.
 */
public final class SandboxFiles {

    /** Why a file was not read, in words for the agent. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /** What was read: its bytes sit in a temporary file the caller moves or deletes. */
    public record Read(Path copy, long size) {}

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    /** Opens a located file for reading. */
    @FunctionalInterface
    interface Opener {
        InputStream open(Located at) throws IOException, Refused;
    }

    private final Layout layout;
    private final Duration deadline;
    private final Opener opener;

    public SandboxFiles(Layout layout) {
        this(layout, DEADLINE, SandboxFiles::open);
    }

    /** @param opener how files are opened (tests stand in a read that blocks, as a file swapped for a FIFO would) */
    SandboxFiles(Layout layout, Duration deadline, Opener opener) {
        this.layout = layout;
        this.deadline = deadline;
        this.opener = opener;
    }

    /** The host folder and the names under it of {@code sandboxPath}, for group {@code folder}. */
    record Located(Path root, List<String> names) {}

    Located locate(String folder, String sandboxPath) throws Refused {
        if (sandboxPath == null || sandboxPath.isBlank() || sandboxPath.indexOf('\0') >= 0) {
            throw new Refused("give the file's path, e.g. " + SandboxPaths.GROUP + "/report.pdf");
        }
        String p = sandboxPath.strip();
        if (!p.startsWith("/")) {
            p = SandboxPaths.GROUP + "/" + p; // relative to the working directory, the group's folder
        }
        Path root;
        String rest;
        if (p.startsWith(SandboxPaths.GROUP + "/")) { // the inbox too: it is the group folder's inbox/
            root = layout.groupDir(folder);
            rest = p.substring(SandboxPaths.GROUP.length() + 1);
        } else {
            throw new Refused("only files under " + SandboxPaths.GROUP + " can be sent; copy it there first");
        }
        List<String> names = new ArrayList<>();
        for (String name : rest.split("/")) {
            if (name.equals("..")) {
                throw new Refused("the path may not contain '..'");
            }
            if (!name.isEmpty() && !name.equals(".")) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw new Refused("'" + sandboxPath + "' is a folder, not a file");
        }
        return new Located(root, names);
    }

    /**
     * Copies the file at {@code sandboxPath} of group {@code folder} to a new file in {@code staging}.
     *
     * @throws Refused when the path is outside the group, passes a link, is not a regular file, is
     *                 larger than {@code maxBytes}, or did not read within the deadline
     */
    public Read copy(String folder, String sandboxPath, long maxBytes, Path staging) throws Refused, IOException {
        Located at = locate(folder, sandboxPath);
        Path tmp = Files.createTempFile(Files.createDirectories(staging), "out-", ".part");
        CompletableFuture<Long> done = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().daemon().name("sandbox-file-" + folder).start(() -> {
            try (InputStream in = opener.open(at); var out = Files.newOutputStream(tmp)) {
                done.complete(in.transferTo(new CappedOutput(out, maxBytes)));
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        try {
            return new Read(tmp, done.get(deadline.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            reader.interrupt(); // closes the channel it blocks on
            throw refusal(tmp, "it could not be read within " + deadline.toSeconds() + " s");
        } catch (InterruptedException e) {
            reader.interrupt();
            Thread.currentThread().interrupt();
            throw refusal(tmp, "interrupted");
        } catch (ExecutionException e) {
            Files.deleteIfExists(tmp);
            switch (e.getCause()) {
                case Refused r -> throw r;
                case CappedOutput.TooLarge t -> throw new Refused("it is larger than the limit of " + maxBytes / 1_048_576
                        + " MB (PINCER_MAX_ATTACHMENT_MB)");
                case java.nio.file.NoSuchFileException n -> throw new Refused("there is no file " + sandboxPath);
                case java.nio.file.FileSystemException f when f.getReason() != null && f.getReason().contains("symbolic")
                        -> throw new Refused("the path passes a symbolic link; links are not followed");
                case IOException io -> throw io;
                default -> throw new IOException(e.getCause());
            }
        }
    }

    private static Refused refusal(Path tmp, String why) throws IOException {
        Files.deleteIfExists(tmp);
        return new Refused(why);
    }

    /** Opens the file name by name from {@code at.root()}, never following a link. */
    private static InputStream open(Located at) throws IOException, Refused {
        DirectoryStream<Path> top = Files.newDirectoryStream(at.root());
        if (!(top instanceof SecureDirectoryStream<Path> dir)) {
            top.close();
            throw new Refused("this system cannot open files without following links; sending files is off");
        }
        List<SecureDirectoryStream<Path>> opened = new ArrayList<>(List.of(dir));
        try {
            SecureDirectoryStream<Path> current = dir;
            List<String> names = at.names();
            for (String name : names.subList(0, names.size() - 1)) {
                current = current.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS);
                opened.add(current);
            }
            Path file = Path.of(names.getLast());
            BasicFileAttributes attrs = current.getFileAttributeView(file, BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).readAttributes();
            if (attrs.isSymbolicLink()) {
                throw new Refused("it is a symbolic link; links are not followed");
            }
            if (!attrs.isRegularFile()) {
                throw new Refused("it is not a regular file");
            }
            SeekableByteChannel channel = current.newByteChannel(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
            return Channels.newInputStream(channel);
        } finally {
            for (SecureDirectoryStream<Path> s : opened) {
                s.close();
            }
        }
    }
}
