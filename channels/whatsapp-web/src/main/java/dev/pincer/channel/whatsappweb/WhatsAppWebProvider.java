package dev.pincer.channel.whatsappweb;

import dev.pincer.channel.whatsappweb.session.SessionFolder;
import dev.pincer.host.channel.Channel;
import dev.pincer.host.channel.ChannelModule;
import dev.pincer.host.channel.ChannelSettings;
import java.util.Optional;

/** The WhatsApp Web module, found with {@link java.util.ServiceLoader}; on only with {@code WHATSAPP_WEB=on}. */
public final class WhatsAppWebProvider extends ChannelModule {

    public WhatsAppWebProvider() {
        super(WhatsAppWebChannel.NAME, WebSettings.ALL);
    }

    @Override
    public Optional<Channel> create(ChannelSettings settings) {
        return WebSettings.from(settings).map(s -> new WhatsAppWebChannel(s, new SessionFolder(settings.dataDir())));
    }
}
