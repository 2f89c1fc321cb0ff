package dev.pincer.host.team;

import dev.pincer.host.config.Layout;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory folder of a sandbox teammate's type, {@code groups/<folder>/agents/<type>/}, lent to its
 * sandboxes. The group's own sandbox can write {@code agents/} while a teammate starts, so the folder
 * is never bound from there (a link swapped in between a check and the bind would hand the teammate
 * any host folder): it is moved, by name and without following links ({@code renameat} through
 * {@link SecureDirectoryStream}), into the host-only {@code data/team/<folder>/memory/}, checked to be
 * a plain folder there, bound from there, and moved back when the type's last teammate of the group
 * ended. A folder still parked there (Pincer stopped meanwhile) is the newest memory and is lent as it is.
 */
final class MemoryFolders {

    private static final Logger log = LoggerFactory.getLogger(MemoryFolders.class);

    /** The agent's folder is unusable as a memory folder; the message is for the agent. */
    static final class Unusable extends IOException {
        Unusable(String message) {
            super(message);
        }
    }

    private final Layout layout;
    private final Map<String, Integer> lent = new HashMap<>();

    MemoryFolders(Layout layout) {
        this.layout = layout;
    }

    /** Where type {@code type}'s memory of group {@code folder} is while lent: a host-only folder. */
    Path parked(String folder, String type) {
        return parking(folder).resolve(type);
    }

    private Path parking(String folder) {
        return layout.dataDir().resolve("team").resolve(folder).resolve("memory");
    }

    /** Lends the memory folder (created empty if the type has none yet); returns the folder to bind. */
    synchronized Path lend(String folder, String type) throws IOException {
        String key = folder + "/" + type;
        Path parked = parked(folder, type);
        if (lent.containsKey(key)) {
            lent.merge(key, 1, Integer::sum);
            return parked;
        }
        Files.createDirectories(parking(folder));
        if (!Files.exists(parked, LinkOption.NOFOLLOW_LINKS)) {
            moveOut(folder, type);
        }
        if (Files.isSymbolicLink(parked) || Files.exists(parked, LinkOption.NOFOLLOW_LINKS)
                && !Files.isDirectory(parked, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(parked); // a link or file swapped in just before the move: never bound, never followed
            throw new Unusable("agents/" + type + " was replaced by a link or a file while it was moved; its memory is not lent");
        }
        if (!Files.exists(parked, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(parked);
        }
        lent.put(key, 1);
        return parked;
    }

    /** The type's teammate ended: the last one of the group gives the folder back to {@code agents/<type>}. */
    synchronized void giveBack(String folder, String type) {
        String key = folder + "/" + type;
        Integer users = lent.get(key);
        if (users == null) {
            return;
        }
        if (users > 1) {
            lent.put(key, users - 1);
            return;
        }
        lent.remove(key);
        try {
            moveBack(folder, type);
        } catch (IOException e) {
            log.warn("the memory of teammate type {} of group {} stays in {}: {}", type, folder, parked(folder, type), e.toString());
        }
    }

    /** Moves {@code agents/<type>} of the group, if it is a plain folder, to the parking folder. */
    private void moveOut(String folder, String type) throws IOException {
        try (SecureDirectoryStream<Path> group = open(layout.groupDir(folder));
             SecureDirectoryStream<Path> agents = group.newDirectoryStream(Path.of("agents"), LinkOption.NOFOLLOW_LINKS);
             SecureDirectoryStream<Path> parking = open(parking(folder))) {
            BasicFileAttributes a = agents.getFileAttributeView(Path.of(type), BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).readAttributes();
            if (!a.isDirectory()) {
                throw new Unusable("agents/" + type + " is " + (a.isSymbolicLink() ? "a link" : "not a folder")
                        + "; a teammate's memory folder must be a plain folder (links are not followed)");
            }
            agents.move(Path.of(type), parking, Path.of(type));
        } catch (NoSuchFileException e) {
            // no agents/ or no agents/<type>: the type starts with an empty memory
        } catch (Unusable e) {
            throw e;
        } catch (IOException e) {
            throw new Unusable("the group's agents/ folder is unusable (" + e.getMessage() + "); make it a plain folder");
        }
    }

    /** Moves the parked folder back to {@code agents/<type>}; a folder made there meanwhile is moved aside. */
    private void moveBack(String folder, String type) throws IOException {
        Path agentsDir = layout.groupDir(folder).resolve("agents");
        try {
            Files.createDirectory(agentsDir);
        } catch (FileAlreadyExistsException e) {
            // there already (a link there fails to open below, and the memory stays parked)
        }
        try (SecureDirectoryStream<Path> group = open(layout.groupDir(folder));
             SecureDirectoryStream<Path> agents = group.newDirectoryStream(Path.of("agents"), LinkOption.NOFOLLOW_LINKS);
             SecureDirectoryStream<Path> parking = open(parking(folder))) {
            try {
                agents.getFileAttributeView(Path.of(type), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
                String aside = type + ".replaced-" + System.currentTimeMillis();
                agents.move(Path.of(type), agents, Path.of(aside));
                log.warn("group {} made agents/{} while its teammate had the memory; moved it to agents/{}", folder, type, aside);
            } catch (NoSuchFileException e) {
                // free, as it should be
            }
            parking.move(Path.of(type), agents, Path.of(type));
        }
    }

    private static SecureDirectoryStream<Path> open(Path dir) throws IOException {
        DirectoryStream<Path> s = Files.newDirectoryStream(dir);
        if (s instanceof SecureDirectoryStream<Path> secure) {
            return secure;
        }
        s.close();
        throw new IOException("this platform cannot move folders without following links; sandbox teammates are off");
    }
}
