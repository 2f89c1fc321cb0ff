package dev.pincer.host.app;

import dev.pincer.host.channel.Channel;
import dev.pincer.host.config.Config;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A surface people use to reach a running Pincer besides chat channels, such as the local web app.
 * A module offers one through {@link Provider} with {@link java.util.ServiceLoader}; the host has no
 * import of it. Lifecycle: created, its {@link #channels()} join the host's channels, {@link #start}
 * once everything else runs, {@link #close()} at shutdown.
 */
public interface Frontend extends AutoCloseable {

    /** Found with {@link java.util.ServiceLoader}. */
    interface Provider {
        Frontend create(Config config);
    }

    /** Channels this front end serves (the web chat's {@code web:} chats); delivered to by the outbox. */
    default List<Channel> channels() {
        return List.of();
    }

    /** Starts serving; a failure stops Pincer's start with the message. */
    void start(PincerServices pincer) throws IOException;

    /** Where a person opens it, e.g. the web chat link with its token; printed by {@code ./pincer start}. */
    Optional<URI> link();

    @Override
    void close();
}
