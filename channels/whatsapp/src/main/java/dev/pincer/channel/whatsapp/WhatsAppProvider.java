package dev.pincer.channel.whatsapp;

import dev.pincer.host.channel.Channel;
import dev.pincer.host.channel.ChannelModule;
import dev.pincer.host.channel.ChannelSettings;
import java.time.Clock;
import java.util.Optional;

/** The WhatsApp module, found with {@link java.util.ServiceLoader}; enabled by the {@code WHATSAPP_*} settings. */
public final class WhatsAppProvider extends ChannelModule {

    public WhatsAppProvider() {
        super(WhatsAppChannel.NAME, WhatsAppSettings.ALL);
    }

    @Override
    public Optional<Channel> create(ChannelSettings settings) {
        return WhatsAppSettings.from(settings).map(s -> new WhatsAppChannel(s, settings.dataDir(), Clock.systemUTC()));
    }
}
