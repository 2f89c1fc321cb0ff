package dev.pincer.channel.email;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last mails received (at most {@link #KEEP}), kept in the channel's data folder: a reply needs
 * the subject of the mail it answers ({@code Re: ...}), also after a restart, and a message the
 * core sends on its own (a pairing code) goes into the thread of the sender's last mail.
 */
final class Correspondence {

    private static final Logger log = LoggerFactory.getLogger(Correspondence.class);
    static final String FILE = "recent-mail.json";
    static final int KEEP = 500;

    /** A mail received: its chat, Message-ID, thread root and subject. */
    record Mail(String chatId, String messageId, String threadId, String subject) {}

    private final Path file;
    private final LinkedHashMap<String, Mail> byId = new LinkedHashMap<>();

    Correspondence(Path dir) {
        this.file = dir.resolve(FILE);
        if (Files.exists(file)) {
            try {
                Json.MAPPER.readValue(file.toFile(), new TypeReference<List<Mail>>() {}).forEach(m -> byId.put(m.messageId(), m));
            } catch (IOException e) {
                log.warn("{} cannot be read ({}); replies to older mails get a generic subject", file, e.getMessage());
            }
        }
    }

    synchronized void remember(Mail mail) {
        byId.remove(mail.messageId());
        byId.put(mail.messageId(), mail);
        while (byId.size() > KEEP) {
            byId.remove(byId.keySet().iterator().next());
        }
        save();
    }

    synchronized Optional<Mail> byId(String messageId) {
        return Optional.ofNullable(byId.get(messageId));
    }

    /** The last mail received in {@code chatId}. */
    synchronized Optional<Mail> latestIn(String chatId) {
        return new ArrayList<>(byId.values()).reversed().stream().filter(m -> m.chatId().equals(chatId)).findFirst();
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Json.MAPPER.writeValue(tmp.toFile(), new ArrayList<>(byId.values()));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
