package dev.pincer.channel.whatsappweb.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The folder a WhatsApp Web session lives in ({@code data/channels/whatsapp-web}): the library's
 * keys and store under {@code cobalt/}, the {@code linked} marker that {@code ./pincer whatsapp link}
 * writes once the phone has linked this device (and left the connection to Pincer), and the
 * {@code link-state} of a link in progress. Everything in it is the owner's only: folders 0700,
 * files 0600, tightened again after every write of the library ({@link #tighten()}). Symbolic links
 * in it are never followed.
 */
public final class SessionFolder {

    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final String LINKED = "linked";
    private static final String STATE = "link-state";

    private final Path dir;

    public SessionFolder(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path path() {
        return dir;
    }

    /** Where the library keeps keys and store. */
    Path cobalt() {
        return dir.resolve("cobalt");
    }

    /** Creates the folder (0700) if needed and tightens what is in it; refuses a folder that is a symbolic link. */
    public SessionFolder create() {
        try {
            if (Files.isSymbolicLink(dir)) {
                throw new IOException(dir + " is a symbolic link; the WhatsApp session must be in a real folder");
            }
            Files.createDirectories(dir);
            tighten();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the WhatsApp session folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Sets every folder in it to 0700 and every file to 0600 (links are left alone, never followed). */
    public void tighten() {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    Files.setPosixFilePermissions(d, FOLDER);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        Files.setPosixFilePermissions(f, FILE);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE; // written and moved meanwhile: the next tighten takes it
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the WhatsApp session folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Whether a phone linked this device and the link command handed the session over. */
    public boolean linked() {
        return Files.isRegularFile(dir.resolve(LINKED), LinkOption.NOFOLLOW_LINKS);
    }

    /** What the linked account is, as the marker says (e.g. {@code +4915112345678 (Ann)}). */
    public Optional<String> linkedAs() {
        return linkedLine(1);
    }

    /** The linked account's chat with itself, e.g. {@code wa:4915112345678@s.whatsapp.net}. */
    public Optional<String> selfChat() {
        return linkedLine(0);
    }

    private Optional<String> linkedLine(int line) {
        return read(LINKED).map(t -> t.split("\n", -1)).filter(l -> l.length > line).map(l -> l[line].strip());
    }

    void markLinked(String selfChat, String who) {
        write(LINKED, selfChat + "\n" + who + "\n");
        clearState();
    }

    /** Forgets the link (the phone removed this device, or WhatsApp logged it out). */
    public void unlink() {
        delete(LINKED);
    }

    /** The state of a link in progress, written by {@code ./pincer whatsapp link}. */
    public Optional<LinkState> state() {
        return read(STATE).flatMap(LinkState::parse);
    }

    void state(LinkState state) {
        write(STATE, state.encode());
    }

    void clearState() {
        delete(STATE);
    }

    private Optional<String> read(String name) {
        Path f = dir.resolve(name);
        try {
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return Optional.of(Files.readString(f, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty(); // removed while reading: as if it were not there
        }
    }

    private void write(String name, String text) {
        create();
        try {
            Path tmp = Files.createTempFile(dir, "." + name, ".tmp", PosixFilePermissions.asFileAttribute(FILE));
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    private void delete(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }
}
