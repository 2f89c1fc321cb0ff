package dev.pincer.channel.email;

import dev.pincer.host.channel.ChannelContext;
import dev.pincer.host.channel.ChannelState;
import dev.pincer.host.channel.Inbound;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a channel handed in and reported, for the tests. */
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

    ChannelState state() {
        return states.isEmpty() ? null : states.getLast();
    }

    Inbound withText(String part) {
        return received.stream().filter(m -> m.text().contains(part)).findFirst()
                .orElseThrow(() -> new AssertionError("no mail with '" + part + "' in " + received));
    }
}
