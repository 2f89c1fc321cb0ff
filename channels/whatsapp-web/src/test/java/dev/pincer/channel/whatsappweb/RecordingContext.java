package dev.pincer.channel.whatsappweb;

import dev.pincer.host.channel.ChannelContext;
import dev.pincer.host.channel.ChannelState;
import dev.pincer.host.channel.Inbound;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the core would get from the channel: messages and states, in order. */
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
        return states.isEmpty() ? null : states.get(states.size() - 1);
    }
}
