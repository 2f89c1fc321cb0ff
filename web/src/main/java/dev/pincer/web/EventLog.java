package dev.pincer.web;

import dev.pincer.host.events.EventBus;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The host's events numbered for {@code GET /api/events}: each gets an id {@code <epoch>.<n>} (the
 * epoch names this server's life, {@code n} counts up), and the last {@link #KEPT} are kept so a
 * client that reconnects with {@code Last-Event-ID} gets what it missed. An id from another life of
 * the server, or older than what is kept, cannot be caught up: the client is told to reload.
 */
final class EventLog implements AutoCloseable {

    static final int KEPT = 512;

    /** One numbered event. */
    record Numbered(long n, String id, EventBus.Event event) {}

    private final String epoch = Long.toString(System.currentTimeMillis(), 36);
    private final ArrayDeque<Numbered> kept = new ArrayDeque<>();
    private final Set<Consumer<Numbered>> listeners = ConcurrentHashMap.newKeySet();
    private final AutoCloseable subscription;
    private long next = 1;

    EventLog(EventBus bus) {
        this.subscription = bus.subscribe(this::add);
    }

    private void add(EventBus.Event e) {
        Numbered numbered;
        synchronized (this) {
            numbered = new Numbered(next, epoch + "." + next, e);
            next++;
            kept.addLast(numbered);
            if (kept.size() > KEPT) {
                kept.removeFirst();
            }
        }
        listeners.forEach(l -> l.accept(numbered));
    }

    /** Hears every event from now on; close the handle to stop. */
    AutoCloseable listen(Consumer<Numbered> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * The kept events after {@code lastEventId}, or empty when they cannot be given (another epoch,
     * too old, or garbled): the client must reload what it shows. No id: nothing missed.
     */
    synchronized Optional<List<Numbered>> after(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return Optional.of(List.of());
        }
        String[] parts = lastEventId.strip().split("\\.", 2);
        if (parts.length != 2 || !parts[0].equals(epoch) || !parts[1].matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        long last = Long.parseLong(parts[1]);
        long oldest = kept.isEmpty() ? next : kept.getFirst().n();
        if (last >= next || last < oldest - 1) {
            return Optional.empty();
        }
        return Optional.of(kept.stream().filter(n -> n.n() > last).toList());
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot unsubscribe the event log: " + e.getMessage(), e);
        }
    }
}
