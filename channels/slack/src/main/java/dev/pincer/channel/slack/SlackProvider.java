package dev.pincer.channel.slack;

import dev.pincer.host.channel.Backoff;
import dev.pincer.host.channel.Channel;
import dev.pincer.host.channel.ChannelModule;
import dev.pincer.host.channel.ChannelSettings;
import java.util.Optional;

/** The Slack module, found with {@link java.util.ServiceLoader}: on when {@code SLACK_BOT_TOKEN} and {@code SLACK_APP_TOKEN} are set. */
public final class SlackProvider extends ChannelModule {

    public SlackProvider() {
        super("slack", SlackSettings.ALL);
    }

    @Override
    public Optional<Channel> create(ChannelSettings settings) {
        return SlackSettings.from(settings).map(s -> new SlackChannel(s, settings.assistantName(), Backoff.standard()));
    }
}
