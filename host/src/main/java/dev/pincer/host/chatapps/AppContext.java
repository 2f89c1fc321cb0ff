package dev.pincer.host.chatapps;

import dev.pincer.host.channel.ChannelContext;
import dev.pincer.host.channel.ChannelState;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.Inbox;
import dev.pincer.host.events.EventBus;
import dev.pincer.host.outbox.ReplyQueue;
import dev.pincer.host.store.GroupStore;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ChannelContext} one channel reports to: a received message goes to the inbox (stored,
 * then routed); one the core cannot take gets a short note in its chat when that chat is registered
 * (never in a stranger's); what the channel says the owner should know goes to the main group;
 * every state change is kept for the status and published as a
 * {@code channel} event.
 */
public final class AppContext implements ChannelContext {

    private static final Logger log = LoggerFactory.getLogger(AppContext.class);

    /** Where a context delivers to; shared by all channels. */
    public record Wiring(Inbox inbox, ReplyQueue notes, GroupStore groups, EventBus events, Clock clock) {}

    private final String name;
    private final Wiring wiring;
    private final AtomicReference<ChannelStatus> status;

    AppContext(String name, Wiring wiring) {
        this.name = name;
        this.wiring = wiring;
        this.status = new AtomicReference<>(new ChannelStatus(name, "connecting", wiring.clock().instant(), null));
    }

    ChannelStatus status() {
        return status.get();
    }

    /** Marks the channel failed before it could start (bad settings). */
    void failed(String error) {
        set("failed", error);
    }

    @Override
    public void receive(Inbound message) {
        try {
            wiring.inbox().accept(message);
        } catch (IllegalArgumentException e) {
            log.warn("channel {}: refused a message in {}: {}", name, message.chat().id(), e.getMessage());
            if (wiring.groups().byJid(message.chat().id()).isPresent()) {
                wiring.notes().send(message.chat().id(), "I could not take that message: " + e.getMessage() + ".", null);
            }
        }
    }

    @Override
    public void tellMain(String chatId, String text) {
        log.warn("channel {}: {}: {}", name, chatId, text);
        wiring.groups().main().filter(m -> !m.jid().equals(chatId))
                .ifPresent(m -> wiring.notes().send(m.jid(), text, null));
    }

    @Override
    public void state(ChannelState state) {
        switch (state) {
            case ChannelState.Retrying r -> set("retrying", r.error());
            default -> set(state.label(), status.get().lastError());
        }
    }

    private void set(String state, String error) {
        ChannelStatus before = status.get();
        ChannelStatus now = before.state().equals(state) && java.util.Objects.equals(before.lastError(), error) ? before
                : new ChannelStatus(name, state, wiring.clock().instant(), error);
        status.set(now);
        if (now != before) {
            log.info("channel {}: {}{}", name, state, error == null ? "" : " (" + error + ")");
            wiring.events().publish("channel", Map.of("name", name, "state", state, "since", now.since().toString(),
                    "lastError", error == null ? "" : error));
        }
    }
}
