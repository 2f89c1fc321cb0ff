package dev.pincer.host.channel;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a channel's connection up on a thread of its own: runs the {@link Session} (which connects
 * and returns or throws when the connection is lost), reports every change to the
 * {@link ChannelContext}, and waits with {@link Backoff} (1 s doubling to 5 min) between attempts.
 * A connection that came up resets the backoff. Never blocks the caller, other channels or start-up.
 */
public final class Reconnect implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Reconnect.class);

    /** One connection: call {@code connected.run()} once it is up; return or throw when it is lost. */
    @FunctionalInterface
    public interface Session {
        void run(Runnable connected) throws Exception;
    }

    private final String name;
    private final ChannelContext context;
    private final Session session;
    private final Backoff backoff;
    private volatile boolean closed;
    private Thread thread;

    private Reconnect(String name, ChannelContext context, Session session, Backoff backoff) {
        this.name = name;
        this.context = context;
        this.session = session;
        this.backoff = backoff;
    }

    /** Starts the loop on a virtual thread. */
    public static Reconnect start(String name, ChannelContext context, Session session) {
        return start(name, context, session, Backoff.standard());
    }

    /** Like {@link #start(String, ChannelContext, Session)} with another backoff (tests use short ones). */
    public static Reconnect start(String name, ChannelContext context, Session session, Backoff backoff) {
        Reconnect r = new Reconnect(name, context, session, backoff);
        r.thread = Thread.ofVirtual().name("channel-" + name).start(r::loop);
        return r;
    }

    private void loop() {
        while (!closed) {
            context.state(new ChannelState.Connecting());
            String error;
            try {
                session.run(() -> {
                    backoff.reset();
                    context.state(new ChannelState.Connected());
                });
                error = "the connection ended";
            } catch (InterruptedException e) {
                break;
            } catch (Exception e) {
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            if (closed) {
                break;
            }
            Duration wait = backoff.next();
            log.warn("channel {}: {}; retrying in {} s", name, error, wait.toSeconds());
            context.state(new ChannelState.Retrying(error, wait));
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                break;
            }
        }
        context.state(new ChannelState.Stopped());
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
