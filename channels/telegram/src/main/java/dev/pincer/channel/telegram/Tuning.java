package dev.pincer.channel.telegram;

import dev.pincer.host.channel.Backoff;
import java.time.Duration;

/**
 * How the channel polls and retries.
 *
 * @param pollTimeout how long one {@code getUpdates} long poll may wait for news (whole seconds)
 * @param firstRetry  the wait after the first failed connection, doubling up to {@code lastRetry}
 */
record Tuning(Duration pollTimeout, Duration firstRetry, Duration lastRetry) {

    /** 30 s long polls; retries from 1 s up to 5 minutes. */
    static Tuning standard() {
        return new Tuning(Duration.ofSeconds(30), Duration.ofSeconds(1), Backoff.CAP);
    }

    Backoff backoff() {
        return new Backoff(firstRetry, lastRetry);
    }
}
