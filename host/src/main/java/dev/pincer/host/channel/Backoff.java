package dev.pincer.host.channel;

import java.time.Duration;

/** Exponential backoff: 1 s, 2 s, 4 s ... capped (5 minutes for channel reconnects); {@link #reset()} after a success. */
public final class Backoff {

    public static final Duration CAP = Duration.ofMinutes(5);

    private final Duration first;
    private final Duration cap;
    private Duration next;

    public Backoff(Duration first, Duration cap) {
        this.first = first;
        this.cap = cap;
        this.next = first;
    }

    /** From 1 s up to {@link #CAP}. */
    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), CAP);
    }

    /** The wait before the next attempt; each call doubles the one after, up to the cap. */
    public synchronized Duration next() {
        Duration d = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(cap) > 0 ? cap : doubled;
        return d;
    }

    public synchronized void reset() {
        next = first;
    }
}
