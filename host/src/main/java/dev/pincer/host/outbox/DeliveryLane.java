package dev.pincer.host.outbox;

import dev.pincer.host.channel.Backoff;
import dev.pincer.host.channel.Channel;
import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.RateLimited;
import dev.pincer.host.channel.Speaker;
import dev.pincer.host.channel.TextSplitter;
import dev.pincer.host.channel.Undeliverable;
import dev.pincer.host.store.OutboxStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel's deliveries, on a thread of its own, oldest reply first. A reply longer than the
 * channel's limit is split ({@link TextSplitter}, measured after the channel's formatting) and sent
 * part by part; the parts it took are recorded, so a retry starts after them. A refusal waits with
 * backoff (1 s doubling to 5 min); a platform's rate limit waits exactly as long as it asked. A reply
 * the channel calls {@link Undeliverable} is given up at once, and the main group is told why.
 */
final class DeliveryLane {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLane.class);
    private static final long IDLE_LOOK_MS = 60_000;

    private final Channel channel;
    private final OutboxStore store;
    private final String assistantName;
    private final Runnable kickAll;
    private final Semaphore wake = new Semaphore(0);
    private final Backoff backoff = Backoff.standard();
    private volatile boolean running = true;
    private Thread thread;

    /** @param kickAll wakes every lane (a notice for the main group may go through another channel) */
    DeliveryLane(Channel channel, OutboxStore store, String assistantName, Runnable kickAll) {
        this.channel = channel;
        this.store = store;
        this.assistantName = assistantName;
        this.kickAll = kickAll;
    }

    boolean serves(String chatJid) {
        return channel.owns(chatJid);
    }

    void start() {
        thread = Thread.ofVirtual().name("outbox-" + channel.name()).start(this::loop);
        kick();
    }

    void kick() {
        wake.release();
    }

    private void loop() {
        long waitMs = 0;
        while (running) {
            try {
                if (!wake.tryAcquire(waitMs == 0 ? IDLE_LOOK_MS : waitMs, TimeUnit.MILLISECONDS) && waitMs == 0) {
                    continue;
                }
                wake.drainPermits();
                waitMs = deliverAll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("delivery through {} failed; retrying", channel.name(), e);
                waitMs = 5000;
            }
        }
    }

    /** Tries every pending reply once; true when none is left. */
    boolean deliverPending() {
        return deliverAll() == 0;
    }

    /** Delivers in order; returns 0 when all went, else how long to wait before the next try. */
    private long deliverAll() {
        for (OutboxStore.Pending p : store.pending(channel.prefix(), 100)) {
            try {
                deliver(p);
                backoff.reset();
            } catch (Undeliverable e) {
                giveUp(p, e);
            } catch (RateLimited e) {
                log.warn("{} asks to slow down for {} ms: {}", channel.name(), e.retryAfter().toMillis(), e.getMessage());
                store.markFailed(p.id(), "rate limited: " + e.getMessage());
                return Math.max(1, e.retryAfter().toMillis());
            } catch (Exception e) {
                Duration wait = backoff.next();
                log.warn("delivery to {} failed (attempt {}), retrying in {} s: {}", p.chatJid(), p.attempts() + 1,
                        wait.toSeconds(), e.toString());
                store.markFailed(p.id(), e.toString());
                return wait.toMillis(); // keep the order: later replies of this channel wait for this one
            }
        }
        return 0;
    }

    /** Drops a reply the platform refuses for good: recorded with its reason, told to the main group. */
    private void giveUp(OutboxStore.Pending p, Undeliverable e) {
        log.error("a reply to {} cannot be delivered through {} and is given up: {}", p.chatJid(), channel.name(), e.getMessage());
        String preview = p.text().length() <= 80 ? p.text() : p.text().substring(0, 77) + "...";
        store.giveUp(p.id(), "undeliverable: " + e.getMessage(), "A reply to " + p.chatJid() + " could not be delivered through "
                + channel.name() + " and was dropped: " + e.getMessage() + " (the reply began: \"" + preview + "\")")
                .ifPresent(notice -> kickAll.run());
    }

    private void deliver(OutboxStore.Pending p) throws Exception {
        Speaker speaker = new Speaker(assistantName, p.sender());
        List<String> parts = TextSplitter.split(p.text(), channel.capabilities().maxLength(),
                part -> channel.format(part).length());
        Outgoing.ReplyTo replyTo = p.replyTo() == null ? null
                : new Outgoing.ReplyTo(p.replyTo().messageId(), p.replyTo().threadId(), p.replyTo().isReply());
        for (int i = p.progress().partsSent(); i < parts.size(); i++) {
            channel.send(new Outgoing(p.chatJid(), channel.format(parts.get(i)), speaker, replyTo,
                    new Outgoing.Part(i + 1, parts.size())));
            if (i + 1 < parts.size()) {
                store.markPartSent(p.id(), i + 1);
            }
        }
        store.markDelivered(p.id(), channel.prefix(), speaker.shown());
    }

    void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
