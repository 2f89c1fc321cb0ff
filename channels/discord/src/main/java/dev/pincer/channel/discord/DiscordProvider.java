package dev.pincer.channel.discord;

import dev.pincer.host.channel.Channel;
import dev.pincer.host.channel.ChannelModule;
import dev.pincer.host.channel.ChannelSettings;
import java.util.List;
import java.util.Optional;

/** The Discord channel module: enabled when {@code DISCORD_BOT_TOKEN} is set (see channels/discord/README.md). */
public final class DiscordProvider extends ChannelModule {

    public DiscordProvider() {
        super(DiscordChannel.NAME, List.of(
                new Setting(DiscordSettings.TOKEN, true, true,
                        "the bot's token (Discord developer portal: your application, Bot, Reset Token)"),
                new Setting(DiscordSettings.API_URL, false, false,
                        "the REST API's base URL; default " + DiscordSettings.DEFAULT_API_URL),
                new Setting(DiscordSettings.GATEWAY_URL, false, false,
                        "the gateway's WebSocket URL; default " + DiscordSettings.DEFAULT_GATEWAY_URL)));
    }

    @Override
    public Optional<Channel> create(ChannelSettings settings) {
        return DiscordSettings.from(settings).map(DiscordChannel::new);
    }
}
