package dev.pincer.host.outbox;

import dev.pincer.host.channel.Channel;
import dev.pincer.host.channel.Speaker;
import dev.pincer.host.store.OutboxStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers queued replies through their channels. One delivery thread, woken on {@link #kick()};
 * a failed delivery stays queued and is retried with backoff, so nothing is lost. A reply is
 * marked delivered right after its channel accepted it, and stored as the chat's message under
 * the name people were shown ({@link Speaker#shown()}).
 */
public final class Outbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final OutboxStore store;
    private final List<Channel> channels;
    private final String assistantName;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running = true;
    private Thread thread;

    public Outbox(OutboxStore store, List<Channel> channels, String assistantName) {
        this.store = store;
        this.channels = List.copyOf(channels);
        this.assistantName = assistantName;
    }

    public void start() {
        thread = Thread.ofVirtual().name("outbox").start(this::loop);
        kick();
    }

    /** Something was queued: deliver now. */
    public void kick() {
        wake.release();
    }

    private void loop() {
        long backoffMs = 0;
        while (running) {
            try {
                if (!wake.tryAcquire(backoffMs == 0 ? 60_000 : backoffMs, TimeUnit.MILLISECONDS) && backoffMs == 0) {
                    continue;
                }
                wake.drainPermits();
                boolean allDelivered = deliverPending();
                backoffMs = allDelivered ? 0 : Math.min(backoffMs == 0 ? 1000 : backoffMs * 2, MAX_BACKOFF.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("outbox delivery loop failed; retrying", e);
                backoffMs = 5000;
            }
        }
    }

    /** Tries every pending reply once; returns true if none is left. */
    boolean deliverPending() {
        boolean allDelivered = true;
        for (OutboxStore.Pending p : store.pending(100)) {
            Channel channel = channels.stream().filter(c -> c.owns(p.chatJid())).findFirst().orElse(null);
            if (channel == null) {
                store.markFailed(p.id(), "no channel serves " + p.chatJid());
                allDelivered = false;
                continue;
            }
            Speaker speaker = new Speaker(assistantName, p.sender());
            try {
                channel.send(p.chatJid(), p.text(), speaker);
                store.markDelivered(p.id(), channel.name(), speaker.shown());
            } catch (Exception e) {
                log.warn("delivery to {} failed (attempt {}): {}", p.chatJid(), p.attempts() + 1, e.toString());
                store.markFailed(p.id(), e.toString());
                allDelivered = false;
            }
        }
        return allDelivered;
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
