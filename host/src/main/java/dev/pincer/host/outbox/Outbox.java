package dev.pincer.host.outbox;

import dev.pincer.host.channel.Channel;
import dev.pincer.host.channel.Speaker;
import dev.pincer.host.store.OutboxStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers queued replies through their channels: one {@link DeliveryLane} per channel, so a channel
 * that is down, slow or rate-limited holds up only its own chats. A failed delivery stays queued and
 * is retried with backoff, so nothing is lost; a long reply is sent in parts and a part the channel
 * took is never sent again. A reply is marked delivered right after its channel took its last part,
 * and stored as the chat's message under the name people were shown ({@link Speaker#shown()}). A
 * reply its channel refuses for good ({@link dev.pincer.host.channel.Undeliverable}) is given up and
 * the main group is told.
 */
public final class Outbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final OutboxStore store;
    private final String assistantName;
    private final List<DeliveryLane> lanes = new CopyOnWriteArrayList<>();
    private volatile boolean started;

    public Outbox(OutboxStore store, List<Channel> channels, String assistantName) {
        this.store = store;
        this.assistantName = assistantName;
        channels.forEach(this::add);
    }

    /** Adds a channel's lane (before or after {@link #start()}). */
    public void add(Channel channel) {
        DeliveryLane lane = new DeliveryLane(channel, store, assistantName, this::kick);
        lanes.add(lane);
        if (started) {
            lane.start();
        }
    }

    public void start() {
        started = true;
        lanes.forEach(DeliveryLane::start);
    }

    /** Something was queued: every lane looks at once. */
    public void kick() {
        lanes.forEach(DeliveryLane::kick);
    }

    /** Replies to chats no channel serves (a removed channel module): reported, kept for when it is back. */
    public List<OutboxStore.Pending> unserved() {
        return store.pending(1000).stream().filter(p -> lanes.stream().noneMatch(l -> l.serves(p.chatJid()))).toList();
    }

    /** Tries every pending reply of every lane once, on the caller's thread (tests); true if none is left. */
    boolean deliverPending() {
        boolean all = true;
        for (DeliveryLane lane : lanes) {
            all &= lane.deliverPending();
        }
        if (!unserved().isEmpty()) {
            log.warn("{} repl(ies) wait for a channel that is not configured", unserved().size());
            return false;
        }
        return all;
    }

    @Override
    public void close() {
        lanes.forEach(DeliveryLane::close);
    }
}
