package dev.pincer.cli.channels;

import dev.pincer.host.channel.Capabilities;
import dev.pincer.host.channel.Channel;
import dev.pincer.host.channel.ChannelContext;
import dev.pincer.host.channel.ChannelProvider;
import dev.pincer.host.channel.ChannelSettings;
import dev.pincer.host.channel.ChannelState;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.Outgoing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A channel module that lives only in the tests, found by the real {@link java.util.ServiceLoader}
 * like any other (it is enabled by {@code LOOPBACK_CHANNEL=on}): what a test hands in goes through
 * the real router, store and queue; what the outbox sends is recorded. It proves the core's side of
 * the channel contract without any platform.
 */
public final class LoopbackChannel implements Channel {

    /** The instance the running Pincer created (one per test JVM at a time). */
    public static volatile LoopbackChannel current;

    public final List<Outgoing> sent = new CopyOnWriteArrayList<>();
    public final List<String> typing = new CopyOnWriteArrayList<>();
    private volatile ChannelContext context;
    private final String token;

    LoopbackChannel(String token) {
        this.token = token;
    }

    /** Registered in {@code META-INF/services}. */
    public static final class Provider implements ChannelProvider {
        @Override
        public String name() {
            return "loopback";
        }

        @Override
        public List<Setting> settings() {
            return List.of(new Setting("LOOPBACK_CHANNEL", true, false, "on: the tests' loopback channel"),
                    new Setting("LOOPBACK_TOKEN", false, true, "a token its check accepts unless it is 'bad'"));
        }

        @Override
        public Optional<Channel> create(ChannelSettings settings) {
            if (!"on".equals(settings.get("LOOPBACK_CHANNEL").orElse(""))) {
                return Optional.empty();
            }
            current = new LoopbackChannel(settings.get("LOOPBACK_TOKEN").orElse(null));
            return Optional.of(current);
        }
    }

    @Override public String name() { return "loopback"; }

    @Override public String prefix() { return "lo"; }

    @Override public Capabilities capabilities() {
        return new Capabilities(300, true, Duration.ofMillis(200), false, false, false);
    }

    @Override public void start(ChannelContext context) {
        this.context = context;
        context.state(new ChannelState.Connected());
    }

    /** A person says something in a chat. */
    public void say(String chat, boolean group, String senderId, String text, String replyTo) {
        context.receive(new Inbound(new Inbound.Chat(chat, "Chat " + chat, group), new Inbound.Sender(senderId, "Person " + senderId, false),
                java.util.UUID.randomUUID().toString(), text, new Inbound.Context(replyTo, replyTo == null ? null : "thread-" + replyTo,
                false, Instant.now()), List.of()));
    }

    /** The bot itself, seen by the platform. */
    public void botSays(String chat, String text) {
        context.receive(Inbound.text(new Inbound.Chat(chat, null, true), new Inbound.Sender("bot", "Andy", true),
                java.util.UUID.randomUUID().toString(), text, Instant.now()));
    }

    public void state(ChannelState s) {
        context.state(s);
    }

    @Override public String send(Outgoing message) {
        sent.add(message);
        return "out-" + sent.size();
    }

    @Override public void typing(String chatId) {
        typing.add(chatId);
    }

    /** Like a platform's token check: a token "bad" is refused. */
    @Override public Optional<String> check() throws Exception {
        if ("bad".equals(token)) {
            throw new Exception("the platform refused the token");
        }
        return token == null ? Optional.empty() : Optional.of("token accepted");
    }

    @Override public void stop() { }
}
