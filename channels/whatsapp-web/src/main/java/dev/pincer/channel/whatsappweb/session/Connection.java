package dev.pincer.channel.whatsappweb.session;

import dev.pincer.channel.whatsappweb.mapping.Me;
import dev.pincer.host.channel.ChannelContext;
import dev.pincer.host.channel.ChannelState;
import it.auties.whatsapp.api.DisconnectReason;
import it.auties.whatsapp.api.Listener;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.MessageInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WhatsApp Web connection, one attempt at a time (run it with {@link dev.pincer.host.channel.Reconnect}).
 * Until the folder holds a linked session the channel reports {@link ChannelState.NeedsLinking}
 * (saying to run {@code ./pincer whatsapp link}, and what a link in progress waits for) and looks
 * again every {@link #LINK_POLL}, so linking needs no restart. Linked, it connects and hands every
 * new chat message to {@link Events}; Cobalt reconnects a dropped socket by itself (reported as
 * connecting, then connected). The attempt ends when the connection closes for good: WhatsApp
 * logging the device out (or refusing the account) forgets the link, so the next attempt waits for
 * a new one.
 */
public final class Connection {

    /** What a connection tells the channel. */
    public interface Events {
        /** A new message in one of the account's chats; {@code me} is the linked account. */
        void received(ChatMessageInfo message, Me me);

        /** Connected: what to send with, until {@link #lost()}. */
        void ready(Account account);

        void lost();
    }

    static final Duration LINK_POLL = Duration.ofSeconds(5);
    static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(2);
    public static final String LINK_COMMAND = "./pincer whatsapp link";
    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private final Sessions sessions;
    private final ChannelContext context;
    private final Events events;
    private volatile String lastLoss;

    public Connection(Sessions sessions, ChannelContext context, Events events) {
        this.sessions = sessions;
        this.context = context;
        this.events = events;
    }

    /** What the channel waits for while not linked: the line for its status and {@code doctor}. */
    public static String needsLinking(SessionFolder folder, String lastLoss) {
        return (lastLoss == null ? "not linked to a phone yet" : lastLoss) + "; run " + LINK_COMMAND
                + folder.state().map(s -> " (now: " + s.describe() + ")").orElse("");
    }

    /** One attempt: waits until linked, connects, and returns or throws when the connection ends. */
    public void run(Runnable connected) throws Exception {
        while (!sessions.folder().linked()) {
            context.state(new ChannelState.NeedsLinking(needsLinking(sessions.folder(), lastLoss)));
            Thread.sleep(LINK_POLL);
        }
        Whatsapp whatsapp = sessions.linked().orElseThrow(() -> {
            sessions.folder().unlink();
            return new IOException("the saved WhatsApp session cannot be read; run " + LINK_COMMAND + " again");
        });
        CobaltAccount account = new CobaltAccount(whatsapp); // the saved session knows its number before it connects
        CompletableFuture<DisconnectReason> ended = new CompletableFuture<>();
        whatsapp.addListener(listener(ended, account.me()));
        try {
            Object first = CompletableFuture.anyOf(whatsapp.connect(), ended).get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (first instanceof DisconnectReason reason) {
                throw end(reason);
            }
            events.ready(account);
            lastLoss = null;
            connected.run();
            throw end(ended.get());
        } catch (java.util.concurrent.ExecutionException e) {
            throw Sessions.unreachable(e);
        } catch (TimeoutException e) {
            throw new IOException("WhatsApp did not let this device log in within " + CONNECT_TIMEOUT.toMinutes() + " minutes");
        } finally {
            events.lost();
            whatsapp.disconnect();
        }
    }

    private Listener listener(CompletableFuture<DisconnectReason> ended, Me me) {
        return new Listener() {
            @Override
            public void onNewMessage(MessageInfo<?> info) {
                if (info instanceof ChatMessageInfo m) {
                    events.received(m, me);
                }
            }

            @Override
            public void onLoggedIn() {
                if (ended.isDone()) {
                    return;
                }
                context.state(new ChannelState.Connected()); // also after Cobalt's own reconnects
            }

            @Override
            public void onDisconnected(DisconnectReason reason) {
                if (reason == DisconnectReason.RECONNECTING) {
                    log.info("whatsapp-web: the connection dropped; reconnecting");
                    context.state(new ChannelState.Connecting());
                } else {
                    ended.complete(reason);
                }
            }
        };
    }

    /** Why the connection ended, as the exception the attempt ends with; a logout forgets the link. */
    private IOException end(DisconnectReason reason) {
        String why = switch (reason) {
            case LOGGED_OUT -> "WhatsApp logged this device out (removed under Linked devices on the phone, or the session expired)";
            case BANNED -> "WhatsApp refused this account (banned or restricted)";
            default -> "the WhatsApp connection was closed";
        };
        if (reason == DisconnectReason.LOGGED_OUT || reason == DisconnectReason.BANNED) {
            sessions.folder().unlink();
            lastLoss = why;
            return new IOException(why + "; run " + LINK_COMMAND + " again");
        }
        return new IOException(why);
    }
}
