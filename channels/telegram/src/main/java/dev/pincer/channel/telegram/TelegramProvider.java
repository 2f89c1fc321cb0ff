package dev.pincer.channel.telegram;

import dev.pincer.host.channel.Channel;
import dev.pincer.host.channel.ChannelModule;
import dev.pincer.host.channel.ChannelSettings;
import java.util.List;
import java.util.Optional;

/** The Telegram channel module, found with {@link java.util.ServiceLoader}; enabled by {@code TELEGRAM_BOT_TOKEN}. */
public final class TelegramProvider extends ChannelModule {

    public TelegramProvider() {
        super("telegram", List.of(
                new Setting(TelegramSettings.TOKEN, true, true, "the bot's token from @BotFather"),
                new Setting(TelegramSettings.API_URL, false, false, "the Bot API's address (default "
                        + TelegramSettings.DEFAULT_API + ")"),
                new Setting(TelegramSettings.POOL_TOKENS, false, true, "comma-separated tokens of extra bots that speak"
                        + " for sub-agents, one bot per role")));
    }

    @Override
    public Optional<Channel> create(ChannelSettings settings) {
        return TelegramSettings.from(settings).map(s -> new TelegramChannel(s, settings.dataDir(), Tuning.standard()));
    }
}
