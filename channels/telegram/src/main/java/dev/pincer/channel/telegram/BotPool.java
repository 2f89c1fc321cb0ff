package dev.pincer.channel.telegram;

import dev.pincer.host.channel.Speaker;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.generics.TelegramClient;
import org.telegram.telegrambots.meta.api.methods.name.SetMyName;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * The extra bots ({@code TELEGRAM_POOL_TOKENS}) that speak for sub-agents, so each role shows up in
 * a chat as a bot of its own. A role gets the first bot no other role has, for good: the bot is
 * renamed to the speaker's shown name ({@code Andy · researcher}) with {@code setMyName} on first use
 * and the assignment is kept in the channel's data folder (by bot id; tokens are never written). When
 * every pool bot is taken, or the rename fails, there is no bot for the role and the main bot speaks
 * with the name in front ({@link TelegramChannel}).
 */
final class BotPool {

    private static final Logger log = LoggerFactory.getLogger(BotPool.class);
    /** Telegram's limit for a bot's name. */
    static final int MAX_NAME = 64;

    /** One pool bot. */
    record Bot(long id, TelegramClient client) {}

    private final Map<Long, Bot> bots = new LinkedHashMap<>();
    private final Path stateFile;
    private final Map<String, Long> assigned = new LinkedHashMap<>();

    /**
     * @param bots      the pool, in the order of {@code TELEGRAM_POOL_TOKENS}
     * @param stateFile where the assignments are kept
     */
    BotPool(List<Bot> bots, Path stateFile) {
        bots.forEach(b -> this.bots.put(b.id(), b));
        this.stateFile = stateFile;
        load();
    }

    /** The pool bots' user ids. */
    Set<Long> ids() {
        return Set.copyOf(bots.keySet());
    }

    boolean isEmpty() {
        return bots.isEmpty();
    }

    /** The role each pool bot speaks for, by bot id (for tests and diagnostics). */
    synchronized Map<String, Long> assignments() {
        return Map.copyOf(assigned);
    }

    /** The bot that speaks for {@code speaker}'s role, assigned and renamed on first use; empty when there is none. */
    synchronized Optional<Bot> forSpeaker(Speaker speaker) {
        if (speaker.role() == null || bots.isEmpty()) {
            return Optional.empty();
        }
        Long id = assigned.get(speaker.role());
        if (id != null) {
            return Optional.of(bots.get(id));
        }
        Optional<Bot> free = bots.values().stream().filter(b -> !assigned.containsValue(b.id())).findFirst();
        if (free.isEmpty()) {
            log.info("every Telegram pool bot is taken; {} speaks through the main bot", speaker.shown());
            return Optional.empty();
        }
        String name = speaker.shown().length() <= MAX_NAME ? speaker.shown() : speaker.shown().substring(0, MAX_NAME);
        try {
            free.get().client().execute(SetMyName.builder().name(name).build());
        } catch (TelegramApiException e) {
            log.warn("renaming pool bot {} to '{}' failed ({}); it speaks through the main bot this time",
                    free.get().id(), name, ApiErrors.describe("setMyName", e, TelegramSettings.POOL_TOKENS));
            return Optional.empty();
        }
        assigned.put(speaker.role(), free.get().id());
        save();
        return free;
    }

    private void load() {
        if (!Files.isRegularFile(stateFile)) {
            return;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(stateFile)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stateFile + " (delete it to assign the pool bots anew)", e);
        }
        for (String role : p.stringPropertyNames()) {
            try {
                long id = Long.parseLong(p.getProperty(role).strip());
                if (bots.containsKey(id)) { // a bot no longer in the pool loses its role
                    assigned.put(role, id);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(stateFile + ": '" + role + "' has no bot id; delete the file to assign"
                        + " the pool bots anew", e);
            }
        }
    }

    private void save() {
        Properties p = new Properties();
        assigned.forEach((role, id) -> p.setProperty(role, Long.toString(id)));
        try {
            Files.createDirectories(stateFile.getParent());
            Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "Telegram pool bots: role = the id of the bot that speaks for it");
            }
            Files.move(tmp, stateFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot keep the pool bots' roles in {}: {}", stateFile, e.toString());
        }
    }
}
