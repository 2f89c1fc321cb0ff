package dev.pincer.channel.discord;

import dev.pincer.host.channel.ChannelContext;
import dev.pincer.host.channel.ChannelState;
import dev.pincer.host.channel.Inbound;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A channel context that keeps what the channel reported. */
final class RecordingContext implements ChannelContext {
    final List<Inbound> received = new CopyOnWriteArrayList<>();
    final List<ChannelState> states = new CopyOnWriteArrayList<>();

    @Override
    public void receive(Inbound message) {
        received.add(message);
    }

    @Override
    public void state(ChannelState state) {
        states.add(state);
    }

    ChannelState last() {
        return states.isEmpty() ? null : states.getLast();
    }

    /** The message with this id, once it arrived. */
    Inbound byId(String id) {
        return received.stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
    }
}
