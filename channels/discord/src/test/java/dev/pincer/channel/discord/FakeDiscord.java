package dev.pincer.channel.discord;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake Discord on loopback: the REST API ({@link FakeRest}) and the gateway ({@link FakeGateway}),
 * with one bot, one server ("Family", channel #general with one thread), and people who say things.
 * What the bot sends is recorded and, as on Discord, comes back to it on the gateway as its own
 * message. Used by this module's tests and by the end-to-end test in {@code cli}.
 */
public final class FakeDiscord implements AutoCloseable {

    public static final String TOKEN = "fake.bot-token_123";

    /**
     * The server the bot is in: #general (with a thread) and #random; the role Discord made for the
     * bot, and another role the bot has.
     */
    public record Server(String guildId, String name, String channelId, String channelName, String threadId,
                         String otherChannelId, String botRoleId, String otherRoleId) {}

    /** A message the bot sent: where, what, which message it answers (or null), which mentions it allows. */
    public record Sent(String channelId, String content, String replyTo, List<String> allowedMentions) {}

    private final Map<String, Object> bot = DiscordJson.user(DiscordJson.snowflake(), "andybot", true);
    private final Server server = new Server(DiscordJson.snowflake(), "Family", DiscordJson.snowflake(), "general",
            DiscordJson.snowflake(), DiscordJson.snowflake(), DiscordJson.snowflake(), DiscordJson.snowflake());
    private final FakeGateway gateway;
    private final FakeRest rest;

    private FakeDiscord() throws IOException {
        gateway = new FakeGateway(() -> new FakeGateway.Ready(bot, List.of(DiscordJson.guild(server, bot))));
        rest = new FakeRest(bot, this::created);
    }

    public static FakeDiscord start() throws IOException {
        return new FakeDiscord();
    }

    public String apiUrl() {
        return rest.url();
    }

    public String gatewayUrl() {
        return gateway.url();
    }

    public String botId() {
        return (String) bot.get("id");
    }

    public Server server() {
        return server;
    }

    /** The DM channel the fake opens for a user. */
    public static String dmChannelOf(String userId) {
        return Long.toString(Long.parseLong(userId) + 7);
    }

    /** A message to say in {@code channelId} (the server's channel or thread, or any other id for a DM). */
    public Say say(String channelId, String text) {
        return new Say(channelId, text);
    }

    /** The bot's messages so far (the ones Discord took), in order. */
    public List<Sent> sent() {
        return messages(200);
    }

    /** Every message the bot tried to send, including the ones refused. */
    public List<Sent> attempts() {
        return messages(0);
    }

    /** Sent messages answered with {@code status} (0: any). */
    private List<Sent> messages(int status) {
        List<Sent> out = new ArrayList<>();
        for (FakeRest.Call c : rest.calls()) {
            if (c.method().equals("POST") && c.path().endsWith("/messages") && c.body() != null
                    && (status == 0 || c.status() == status)) {
                JsonNode ref = c.body().path("message_reference");
                List<String> allowed = new ArrayList<>();
                c.body().path("allowed_mentions").path("parse").forEach(n -> allowed.add(n.asText()));
                out.add(new Sent(c.path().replaceAll(".*/channels/(\\d+)/messages", "$1"), c.body().path("content").asText(),
                        ref.isMissingNode() || ref.isNull() ? null : ref.path("message_id").asText(), allowed));
            }
        }
        return out;
    }

    /** Files the CDN served and files the bot uploaded. */
    public FakeDiscordFiles files() {
        return rest.files();
    }

    /** The channels "typing…" was shown in, one entry per request. */
    public List<String> typing() {
        return rest.calls().stream().filter(c -> c.path().endsWith("/typing"))
                .map(c -> c.path().replaceAll(".*/channels/(\\d+)/typing", "$1")).toList();
    }

    /** Every REST request so far. */
    List<FakeRest.Call> calls() {
        return rest.calls();
    }

    FakeGateway gateway() {
        return gateway;
    }

    /** Whether the bot has a gateway session (identified or resumed, still open). */
    public boolean botConnected() {
        return gateway.hasSession();
    }

    public void gatewayDown() throws InterruptedException {
        gateway.down();
    }

    public void gatewayUp() throws IOException {
        gateway.up();
    }

    public void restDown() {
        rest.down();
    }

    public void restUp() throws IOException {
        rest.up();
    }

    /** The next {@code count} messages the bot sends get 429 with {@code Retry-After: seconds}. */
    public void rateLimit(int count, int seconds) {
        rest.rateLimit(count, seconds);
    }

    /** The next {@code count} messages the bot sends get {@code status}. */
    public void fail(int count, int status) {
        rest.fail(count, status);
    }

    @Override
    public void close() throws InterruptedException {
        rest.close();
        gateway.close();
    }

    private boolean inServer(String channelId) {
        return channelId.equals(server.channelId()) || channelId.equals(server.threadId())
                || channelId.equals(server.otherChannelId());
    }

    private Map<String, Object> created(Map<String, Object> message) {
        Map<String, Object> m = new LinkedHashMap<>(message);
        if (inServer((String) m.get("channel_id"))) {
            m.put("guild_id", server.guildId());
        }
        gateway.dispatch("MESSAGE_CREATE", m);
        return m;
    }

    /** A message someone says; {@link #send()} puts it on the gateway. */
    public final class Say {
        private final String channelId;
        private final String text;
        private Map<String, Object> author = DiscordJson.user("4100", "ann", false);
        private final List<Map<String, Object>> mentions = new ArrayList<>();
        private final List<String> roles = new ArrayList<>();
        private final List<Map<String, Object>> attachments = new ArrayList<>();
        private String replyTo;
        private String nick;

        private Say(String channelId, String text) {
            this.channelId = channelId;
            this.text = text;
        }

        /** Who says it (a user id of digits and a user name). */
        public Say from(String userId, String username) {
            author = DiscordJson.user(userId, username, false);
            return this;
        }

        /** Said by the bot itself. */
        public Say fromBot() {
            author = bot;
            return this;
        }

        /** With a server nickname. */
        public Say nick(String nickname) {
            nick = nickname;
            return this;
        }

        /** Mentions the bot (a mention entity, with {@code <@id>} in the text). */
        public Say mentioningBot() {
            mentions.add(bot);
            return this;
        }

        /** Mentions a role of the server (a role mention entity, with {@code <@&id>} in the text). */
        public Say mentioningRole(String roleId) {
            roles.add(roleId);
            return this;
        }

        public Say replyingTo(String messageId) {
            replyTo = messageId;
            return this;
        }

        public Say attaching(String filename, String contentType, long size) {
            attachments.add(DiscordJson.attachment(filename, contentType, size));
            return this;
        }

        /** With a file the fake's CDN serves (its {@code url} on the fake, signed like Discord's). */
        public Say attaching(String filename, String contentType, byte[] bytes) {
            Map<String, Object> a = new LinkedHashMap<>(DiscordJson.attachment(filename, contentType, bytes.length));
            a.put("url", rest.attachment(channelId, (String) a.get("id"), filename, bytes));
            attachments.add(a);
            return this;
        }

        /** Puts it on the gateway; returns its id. */
        public String send() {
            String id = DiscordJson.snowflake();
            StringBuilder content = new StringBuilder();
            mentions.forEach(u -> content.append("<@").append(u.get("id")).append("> "));
            roles.forEach(r -> content.append("<@&").append(r).append("> "));
            Map<String, Object> m = DiscordJson.message(id, channelId, inServer(channelId) ? server.guildId() : null,
                    author, content + text, mentions);
            m.put("mention_roles", roles);
            if (m.get("member") instanceof Map<?, ?> && nick != null) {
                m.put("member", DiscordJson.member(null, nick));
            }
            if (replyTo != null) {
                m.put("type", 19);
                m.put("message_reference", Map.of("type", 0, "message_id", replyTo, "channel_id", channelId));
            }
            m.put("attachments", attachments);
            gateway.dispatch("MESSAGE_CREATE", m);
            return id;
        }
    }
}
