package dev.pincer.channel.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * People's and channels' names, looked up once ({@code users.info}, {@code conversations.info}) and
 * kept for an hour. A lookup that fails is logged and gives no name (the message is still handed in,
 * shown by its id); it is tried again next time.
 */
final class Directory {

    private static final Logger log = LoggerFactory.getLogger(Directory.class);
    static final Duration KEEP = Duration.ofHours(1);

    @FunctionalInterface
    interface Lookup {
        String name(String id) throws Exception;
    }

    private record Entry(String name, Instant until) {}

    private final Lookup users;
    private final Lookup chats;
    private final Clock clock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    Directory(Lookup users, Lookup chats, Clock clock) {
        this.users = users;
        this.chats = chats;
        this.clock = clock;
    }

    /** A user's display name, or null when Slack would not say. */
    String user(String userId) {
        return userId == null ? null : lookup("user:" + userId, userId, users);
    }

    /** A channel's name ({@code #general}), or null (a direct message, or Slack would not say). */
    String chat(String channelId) {
        return lookup("chat:" + channelId, channelId, chats);
    }

    private String lookup(String key, String id, Lookup lookup) {
        Entry e = cache.get(key);
        Instant now = clock.instant();
        if (e != null && now.isBefore(e.until())) {
            return e.name();
        }
        try {
            String name = lookup.name(id);
            cache.put(key, new Entry(name, now.plus(KEEP)));
            return name;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return e == null ? null : e.name();
        } catch (Exception ex) {
            log.warn("slack: no name for {} ({}); showing its id", id, ex.getMessage());
            return e == null ? null : e.name();
        }
    }
}
