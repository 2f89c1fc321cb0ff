package dev.pincer.host.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** In-process publish/subscribe for live views ({@code GET /api/events}). Listeners must not block. */
public final class EventBus {

    /** Something happened: {@code type} is one of message, typing, run, group, task. */
    public record Event(String type, Object data) {}

    private static final Logger log = LoggerFactory.getLogger(EventBus.class);
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();

    public void publish(String type, Object data) {
        Event e = new Event(type, data);
        for (Consumer<Event> l : listeners) {
            try {
                l.accept(e);
            } catch (RuntimeException ex) {
                log.warn("event listener failed: {}", ex.toString());
            }
        }
    }

    /** Subscribes; close the returned handle to stop listening. */
    public AutoCloseable subscribe(Consumer<Event> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
