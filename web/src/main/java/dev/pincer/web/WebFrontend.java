package dev.pincer.web;

import dev.pincer.host.app.Frontend;
import dev.pincer.host.app.PincerServices;
import dev.pincer.host.channel.Channel;
import dev.pincer.host.config.Config;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The web app as a {@link Frontend} of the host: its {@link WebChannel} joins the host's channels, and
 * {@link #start} resolves the access token ({@code PINCER_WEB_TOKEN} or {@code data/web-token}) and
 * serves on {@code 127.0.0.1:PINCER_WEB_PORT}.
 */
public final class WebFrontend implements Frontend {

    /** Registered in {@code META-INF/services}. */
    public static final class Provider implements Frontend.Provider {
        @Override
        public Frontend create(Config config) {
            return new WebFrontend(config);
        }
    }

    private final Config config;
    private final WebChannel channel;
    private WebServer server;
    private String token;

    public WebFrontend(Config config) {
        this.config = config;
        this.channel = new WebChannel(Uploads.of(config));
    }

    @Override
    public List<Channel> channels() {
        return List.of(channel);
    }

    @Override
    public synchronized void start(PincerServices pincer) throws IOException {
        token = WebToken.resolve(config.web().token(), config.layout().webTokenFile());
        server = new WebServer(pincer, new WebServer.Listen(token, config.web().host(), config.web().port())).start();
    }

    @Override
    public synchronized Optional<URI> link() {
        return server == null ? Optional.empty() : Optional.of(URI.create(server.uri() + "#token=" + token));
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
        }
    }
}
