package dev.pincer.host.channel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a started channel reported, for the channel modules' tests (host's test-jar): the messages it
 * handed in and its states, in order.
 */
public final class RecordingContext implements ChannelContext {
    public final List<Inbound> received = new CopyOnWriteArrayList<>();
    public final List<ChannelState> states = new CopyOnWriteArrayList<>();

    @Override
    public void receive(Inbound message) {
        received.add(message);
    }

    @Override
    public void state(ChannelState state) {
        states.add(state);
    }

    /** The latest state, or null before the first. */
    public ChannelState last() {
        return states.isEmpty() ? null : states.getLast();
    }

    /** The message with this id, or null while it has not arrived. */
    public Inbound byId(String id) {
        return received.stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
    }

    /** The message with exactly this text; fails the test when there is none. */
    public Inbound byText(String text) {
        return received.stream().filter(m -> m.text().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no message '" + text + "' among " + received));
    }

    /** The first message whose text contains {@code part}; fails the test when there is none. */
    public Inbound withText(String part) {
        return received.stream().filter(m -> m.text().contains(part)).findFirst()
                .orElseThrow(() -> new AssertionError("no message with '" + part + "' among " + received));
    }
}
