package dev.pincer.host.chatapps;

import dev.pincer.host.channel.Channel;
import dev.pincer.host.channel.ChannelProvider;
import dev.pincer.host.channel.ChannelSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat apps Pincer is connected to: every {@link ChannelProvider} on the class path (found with
 * {@link ServiceLoader}) whose settings are present, plus the built-in ones (the web chat). A channel
 * whose settings are wrong is reported as failed and skipped; one that cannot connect retries on its
 * own. Neither stops the others, the web chat or the start.
 */
public final class ChatApps implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChatApps.class);

    /** A configured channel and the context it reports to. */
    private record App(Channel channel, AppContext context) {}

    private final Map<String, App> apps = new LinkedHashMap<>();
    private final Map<String, String> failed = new LinkedHashMap<>();
    private AppContext.Wiring wiring;
    private TypingKeeper typing;
    private WebhookServer webhooks;

    private ChatApps() {}

    /**
     * @param builtIn  channels the host always has (the web chat)
     * @param settings the settings of one provider, by its name (its data folder differs)
     */
    public static ChatApps load(List<Channel> builtIn, Function<String, ChannelSettings> settings) {
        ChatApps apps = new ChatApps();
        builtIn.forEach(c -> apps.apps.put(c.name(), new App(c, null)));
        for (ChannelProvider p : ServiceLoader.load(ChannelProvider.class)) {
            try {
                Optional<Channel> channel = p.create(settings.apply(p.name()));
                channel.ifPresent(c -> apps.apps.put(p.name(), new App(c, null)));
                if (channel.isEmpty()) {
                    log.debug("channel {} is not configured", p.name());
                }
            } catch (RuntimeException e) {
                log.error("channel {} is not started: {}", p.name(), e.getMessage());
                apps.failed.put(p.name(), e.getMessage());
            }
        }
        return apps;
    }

    /** The data folder of a channel: {@code data/channels/<name>}. */
    public static Path dataDir(Path dataRoot, String name) {
        return dataRoot.resolve("channels").resolve(name);
    }

    /** Every configured channel, built-in ones first. */
    public List<Channel> channels() {
        return apps.values().stream().map(App::channel).toList();
    }

    /**
     * Starts every channel (each connects on its own thread), keeps "typing…" alive while runs are
     * busy, and serves the channels' webhooks on {@code webhookAddress} when any has one.
     */
    public synchronized void start(AppContext.Wiring wiring, String webhookAddress) throws java.io.IOException {
        this.typing = new TypingKeeper(this, wiring.events());
        this.webhooks = WebhookServer.start(channels(), webhookAddress).orElse(null);
        start(wiring);
    }

    /** Starts every channel; each connects on its own thread. */
    public synchronized void start(AppContext.Wiring wiring) {
        this.wiring = wiring;
        for (Map.Entry<String, App> e : new ArrayList<>(apps.entrySet())) {
            AppContext context = new AppContext(e.getKey(), wiring);
            apps.put(e.getKey(), new App(e.getValue().channel(), context));
            try {
                e.getValue().channel().start(context);
            } catch (RuntimeException ex) {
                log.error("channel {} failed to start: {}", e.getKey(), ex.toString());
                context.failed(ex.getMessage());
            }
        }
    }

    /** How each channel is doing, including those whose settings were refused. */
    public synchronized List<ChannelStatus> statuses() {
        List<ChannelStatus> out = new ArrayList<>();
        apps.forEach((name, app) -> {
            if (app.context() != null) {
                out.add(app.context().status());
            }
        });
        failed.forEach((name, error) -> out.add(new ChannelStatus(name, "failed",
                wiring == null ? java.time.Instant.now() : wiring.clock().instant(), error)));
        return out;
    }

    /** The channel that serves {@code chatJid}, if any. */
    public Optional<Channel> owner(String chatJid) {
        return apps.values().stream().map(App::channel).filter(c -> c.owns(chatJid)).findFirst();
    }

    @Override
    public void close() {
        if (typing != null) {
            typing.close();
        }
        if (webhooks != null) {
            webhooks.close();
        }
        for (App app : apps.values()) {
            try {
                app.channel().stop();
            } catch (RuntimeException e) {
                log.warn("stopping channel {} failed: {}", app.channel().name(), e.toString());
            }
        }
    }
}
