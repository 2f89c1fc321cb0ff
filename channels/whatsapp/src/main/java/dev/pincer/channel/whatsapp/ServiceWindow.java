package dev.pincer.channel.whatsapp;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pincer.host.channel.Undeliverable;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WhatsApp's customer-service window: a business may send free-form messages to a person only
 * within 24 hours of that person's last message (after that only pre-approved templates, which
 * Pincer does not send). The time of each chat's last message is kept in the channel's data folder
 * ({@code data/channels/whatsapp/service-window.json}), so a reply that would be refused is refused
 * here, with a clear reason, instead of by the platform. A chat nobody wrote in yet is left to the
 * platform to judge (its refusal, error 131047, means the same).
 */
final class ServiceWindow {

    static final Duration LENGTH = Duration.ofHours(24);
    static final String FILE = "service-window.json";

    private static final Logger log = LoggerFactory.getLogger(ServiceWindow.class);

    private final Path file;
    private final Clock clock;
    private final Map<String, Instant> lastInbound = new ConcurrentHashMap<>();

    ServiceWindow(Path dataDir, Clock clock) {
        this.file = dataDir.resolve(FILE);
        this.clock = clock;
        load();
    }

    /** Someone wrote in {@code chatId} at {@code time}: the window is open for 24 hours from then. */
    void opened(String chatId, Instant time) {
        Instant now = clock.instant();
        Instant t = time == null || time.isAfter(now) ? now : time;
        Instant kept = lastInbound.merge(chatId, t, (a, b) -> a.isAfter(b) ? a : b);
        if (kept.equals(t)) {
            save();
        }
    }

    /** Throws when the window of {@code chatId} is known to be closed. */
    void check(String chatId) throws Undeliverable {
        Instant last = lastInbound.get(chatId);
        Instant now = clock.instant();
        if (last != null && Duration.between(last, now).compareTo(LENGTH) > 0) {
            throw new Undeliverable("WhatsApp accepts replies only within 24 hours of the person's last message, and " + chatId
                    + " last wrote at " + last + " (" + Duration.between(last, now).toHours()
                    + " hours ago); it can reach them again once they write");
        }
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            Map<String, String> saved = Json.MAPPER.readValue(file.toFile(), new TypeReference<Map<String, String>>() {});
            saved.forEach((chat, time) -> lastInbound.put(chat, Instant.parse(time)));
        } catch (IOException | RuntimeException e) {
            // losing it only means the platform, not this check, refuses a late reply
            log.warn("whatsapp: {} is unreadable ({}); last-message times start afresh", file, e.getMessage());
        }
    }

    private synchronized void save() {
        Map<String, String> out = new TreeMap<>();
        lastInbound.forEach((chat, time) -> out.put(chat, time.toString()));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Json.MAPPER.writeValue(tmp.toFile(), out);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + file + ": " + e.getMessage(), e);
        }
    }
}
