package dev.pincer.host.channel;

import java.time.Duration;

/** How a channel's connection is, as {@code doctor} and {@code /api/status} show it. */
public sealed interface ChannelState {

    /** Connecting (the first time, or again after a retry wait). */
    record Connecting() implements ChannelState {}

    /** Connected and receiving. */
    record Connected() implements ChannelState {}

    /** The last attempt failed with {@code error}; the next is in {@code retryIn}. */
    record Retrying(String error, Duration retryIn) implements ChannelState {}

    /** Stopped (Pincer is shutting down). */
    record Stopped() implements ChannelState {}

    /**
     * Waiting for the owner to link the account first (a personal number linked as a companion
     * device); {@code how} says what to run. It connects once linked, without a restart.
     */
    record NeedsLinking(String how) implements ChannelState {}

    /** A short lower-case name: connecting, connected, retrying, stopped, needs linking. */
    default String label() {
        return switch (this) {
            case Connecting c -> "connecting";
            case Connected c -> "connected";
            case Retrying r -> "retrying";
            case Stopped s -> "stopped";
            case NeedsLinking n -> "needs linking";
        };
    }
}
