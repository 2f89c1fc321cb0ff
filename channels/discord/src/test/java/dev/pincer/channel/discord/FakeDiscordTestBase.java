package dev.pincer.channel.discord;

import dev.pincer.host.channel.RecordingContext;
import static org.awaitility.Awaitility.await;

import dev.pincer.host.channel.ChannelSettings;
import dev.pincer.host.channel.ChannelState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fake Discord and the real channel (real JDA) set to use it, for each test; {@link #connect()} starts it. */
abstract class FakeDiscordTestBase {

    @TempDir Path data;
    FakeDiscord discord;
    DiscordChannel channel;
    final RecordingContext context = new RecordingContext();

    @BeforeEach
    void fakeDiscord() throws Exception {
        discord = FakeDiscord.start();
        channel = create(discord, data);
    }

    @AfterEach
    void stopChannel() throws Exception {
        channel.stop();
        discord.close();
    }

    /** Starts the channel and waits until it is connected. */
    void connect() {
        channel.start(context);
        awaitState(ChannelState.Connected.class);
    }

    void awaitState(Class<? extends ChannelState> type) {
        await().atMost(Duration.ofSeconds(40)).until(() -> type.isInstance(context.last()));
    }

    static DiscordChannel create(FakeDiscord discord, Path data) {
        return (DiscordChannel) new DiscordProvider().create(new ChannelSettings(Map.of(
                "DISCORD_BOT_TOKEN", FakeDiscord.TOKEN, "DISCORD_API_URL", discord.apiUrl(),
                "DISCORD_GATEWAY_URL", discord.gatewayUrl()), data, "Andy")).orElseThrow();
    }
}
