package dev.pincer.channel.discord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who each direct-message channel is with. A DM's chat id is its channel's id, but after a restart
 * JDA knows a DM channel only once it is opened again with the user's id; so the pair is kept in
 * {@code direct-chats.properties} in the channel's data folder, written when a DM first arrives.
 */
final class DirectChats {

    static final String FILE = "direct-chats.properties";

    private final Path file;
    private final Map<String, String> users = new ConcurrentHashMap<>();

    DirectChats(Path dataDir) {
        this.file = dataDir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage()
                        + "; remove it (replies to direct messages then wait until each person writes again)", e);
            }
            p.forEach((k, v) -> users.put(k.toString(), v.toString()));
        }
    }

    /** The user the DM channel {@code channelId} is with, if known. */
    Optional<String> user(String channelId) {
        return Optional.ofNullable(users.get(channelId));
    }

    /** Remembers that {@code channelId} is the DM with {@code userId}; written at once when it is new. */
    synchronized void remember(String channelId, String userId) {
        if (userId.equals(users.put(channelId, userId))) {
            return;
        }
        Properties p = new Properties();
        p.putAll(users);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "Discord direct-message channel id = the user's id");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
