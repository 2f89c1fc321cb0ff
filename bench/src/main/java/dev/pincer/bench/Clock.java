package dev.pincer.bench;

import java.time.Instant;

/** Wall-clock time in microseconds since the epoch: one time base for the bench, the fake model and a sandbox's {@code date}. */
final class Clock {
    private Clock() {}

    static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    static double millisBetween(long fromMicros, long toMicros) {
        return (toMicros - fromMicros) / 1000.0;
    }
}
