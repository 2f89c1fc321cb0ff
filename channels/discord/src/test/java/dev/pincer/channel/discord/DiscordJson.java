package dev.pincer.channel.discord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Discord's JSON objects as the fake platform sends them: just the fields JDA reads. */
final class DiscordJson {
    private DiscordJson() {}

    static final ObjectMapper JSON = new ObjectMapper();
    private static final long DISCORD_EPOCH = 1_420_070_400_000L;
    private static final AtomicLong COUNTER = new AtomicLong();

    /** A fresh snowflake: the time since Discord's epoch in its high bits, as Discord makes them. */
    static String snowflake() {
        return Long.toString((System.currentTimeMillis() - DISCORD_EPOCH) << 22 | COUNTER.incrementAndGet() & 0xFFF);
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> user(String id, String username, boolean bot) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("id", id);
        u.put("username", username);
        u.put("global_name", bot ? null : username.substring(0, 1).toUpperCase() + username.substring(1));
        u.put("discriminator", "0");
        u.put("avatar", null);
        u.put("bot", bot);
        return u;
    }

    static Map<String, Object> member(Map<String, Object> user, String nick) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (user != null) {
            m.put("user", user);
        }
        m.put("nick", nick);
        m.put("roles", List.of());
        m.put("joined_at", "2024-01-01T00:00:00.000000+00:00");
        m.put("deaf", false);
        m.put("mute", false);
        m.put("flags", 0);
        return m;
    }

    /** A server with two text channels, a thread in the first, and the bot as a member. */
    static Map<String, Object> guild(FakeDiscord.Server s, Map<String, Object> bot) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("id", s.guildId());
        g.put("name", s.name());
        g.put("owner_id", bot.get("id"));
        g.put("unavailable", false);
        g.put("member_count", 1);
        g.put("afk_timeout", 300);
        g.put("roles", List.of(
                Map.of("id", s.guildId(), "name", "@everyone", "permissions", "68608", "position", 0,
                        "colors", Map.of("primary_color", 0), "hoist", false, "managed", false, "mentionable", false, "flags", 0),
                Map.of("id", s.botRoleId(), "name", "andybot", "permissions", "68608", "position", 1,
                        "colors", Map.of("primary_color", 0), "hoist", false, "managed", true, "mentionable", true, "flags", 0,
                        "tags", Map.of("bot_id", bot.get("id"))),
                Map.of("id", s.otherRoleId(), "name", "family", "permissions", "0", "position", 2,
                        "colors", Map.of("primary_color", 0), "hoist", false, "managed", false, "mentionable", true, "flags", 0)));
        g.put("channels", List.of(
                Map.of("id", s.channelId(), "type", 0, "name", s.channelName(), "position", 0, "guild_id", s.guildId(),
                        "permission_overwrites", List.of()),
                Map.of("id", s.otherChannelId(), "type", 0, "name", "random", "position", 1, "guild_id", s.guildId(),
                        "permission_overwrites", List.of())));
        g.put("threads", List.of(Map.of("id", s.threadId(), "type", 11, "name", "a thread", "guild_id", s.guildId(),
                "parent_id", s.channelId(), "owner_id", bot.get("id"), "member_count", 1, "message_count", 0,
                "thread_metadata", Map.of("archived", false, "auto_archive_duration", 1440, "locked", false,
                        "archive_timestamp", "2024-01-01T00:00:00.000000+00:00"))));
        Map<String, Object> botMember = member(bot, null);
        botMember.put("roles", List.of(s.botRoleId(), s.otherRoleId()));
        g.put("members", List.of(botMember));
        for (String key : List.of("emojis", "stickers", "voice_states", "presences", "guild_scheduled_events",
                "features", "soundboard_sounds", "stage_instances")) {
            g.put(key, List.of());
        }
        return g;
    }

    /**
     * A message.
     *
     * @param guildId  null for a direct message
     * @param mentions users mentioned (the platform's entities)
     */
    static Map<String, Object> message(String id, String channelId, String guildId, Map<String, Object> author,
                                       String content, List<Map<String, Object>> mentions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("type", 0);
        m.put("channel_id", channelId);
        if (guildId != null) {
            m.put("guild_id", guildId);
            m.put("member", member(null, null));
        }
        m.put("author", author);
        m.put("content", content);
        m.put("timestamp", Instant.now().toString());
        m.put("edited_timestamp", null);
        m.put("tts", false);
        m.put("pinned", false);
        m.put("mention_everyone", false);
        m.put("mentions", mentions);
        m.put("mention_roles", List.of());
        m.put("attachments", new ArrayList<>());
        m.put("embeds", List.of());
        m.put("flags", 0);
        return m;
    }

    static Map<String, Object> attachment(String filename, String contentType, long size) {
        String id = snowflake();
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", id);
        a.put("filename", filename);
        a.put("content_type", contentType);
        a.put("size", size);
        a.put("url", "https://cdn.discordapp.com/attachments/1/" + id + "/" + filename);
        a.put("proxy_url", "https://media.discordapp.net/attachments/1/" + id + "/" + filename);
        return a;
    }
}
