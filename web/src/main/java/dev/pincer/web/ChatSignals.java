package dev.pincer.web;

import dev.pincer.host.store.StoredMessage;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Wakes long-polling readers of a chat when a message of that chat is stored. Registered with
 * {@code MessageStore.onAppended}, which calls it after commit; it only releases permits, so it
 * never blocks the writer.
 *
 * <p>A reader {@link #listen}s <em>before</em> it queries the store: a message committed after
 * the query either is seen by the query or wakes the reader, so no wake-up is lost.
 */
final class ChatSignals implements Consumer<StoredMessage> {

    private final Map<String, Set<Waiter>> waiting = new ConcurrentHashMap<>();
    private volatile boolean closed;

    @Override
    public void accept(StoredMessage m) {
        Set<Waiter> waiters = waiting.get(m.chatJid());
        if (waiters != null) {
            waiters.forEach(Waiter::wake);
        }
    }

    Waiter listen(String chatJid) {
        Waiter w = new Waiter(chatJid);
        waiting.compute(chatJid, (k, set) -> {
            Set<Waiter> s = set == null ? ConcurrentHashMap.newKeySet() : set;
            s.add(w);
            return s;
        });
        return w;
    }

    /** Releases every waiter for good (server shutdown). */
    void close() {
        closed = true;
        waiting.values().forEach(set -> set.forEach(Waiter::wake));
    }

    boolean closed() {
        return closed;
    }

    /** Number of readers currently waiting (for tests and status). */
    int waiters() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }

    final class Waiter implements AutoCloseable {
        private final String chatJid;
        private final Semaphore wakeUps = new Semaphore(0);

        private Waiter(String chatJid) {
            this.chatJid = chatJid;
        }

        private void wake() {
            wakeUps.release();
        }

        /** Waits up to {@code timeout} for a message of the chat; false if none came (or closed). */
        boolean await(Duration timeout) throws InterruptedException {
            if (closed) {
                return false;
            }
            boolean woken = wakeUps.tryAcquire(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            wakeUps.drainPermits();
            return woken && !closed;
        }

        @Override
        public void close() {
            waiting.computeIfPresent(chatJid, (k, set) -> {
                set.remove(this);
                return set.isEmpty() ? null : set;
            });
        }
    }
}
