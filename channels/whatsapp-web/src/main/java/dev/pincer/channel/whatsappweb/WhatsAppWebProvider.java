package dev.pincer.channel.whatsappweb;

import dev.pincer.channel.whatsappweb.session.SessionFolder;
import dev.pincer.host.channel.Channel;
import dev.pincer.host.channel.ChannelProvider;
import dev.pincer.host.channel.ChannelSettings;
import java.util.List;
import java.util.Optional;

/** The WhatsApp Web module, found with {@link java.util.ServiceLoader}; on only with {@code WHATSAPP_WEB=on}. */
public final class WhatsAppWebProvider implements ChannelProvider {

    @Override
    public String name() {
        return WhatsAppWebChannel.NAME;
    }

    @Override
    public List<Setting> settings() {
        return WebSettings.ALL;
    }

    @Override
    public Optional<Channel> create(ChannelSettings settings) {
        return WebSettings.from(settings).map(s -> new WhatsAppWebChannel(s, new SessionFolder(settings.dataDir())));
    }
}
