package dev.pincer.channel.telegram;

import dev.pincer.host.channel.ChannelContext;
import dev.pincer.host.channel.ChannelState;
import dev.pincer.host.channel.Inbound;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a started channel reported: the messages it received and its states, in order. */
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
}
