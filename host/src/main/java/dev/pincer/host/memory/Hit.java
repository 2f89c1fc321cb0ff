package dev.pincer.host.memory;

import java.time.Instant;

/**
 * One search result: where the passage is, a snippet with the matched words in {@code **bold**}, and
 * its score under the ranker of the {@link Results} (higher is better).
 */
public record Hit(Origin origin, String snippet, double score) {

    /** Where a hit can be opened. */
    public sealed interface Origin {
        Source source();
    }

    /**
     * A passage of a group's file.
     *
     * @param path relative to the group's folder, {@code /}-separated
     * @param line the line (from 1) of the first match
     * @param date the date a conversation archive's name starts with, else null
     */
    public record File(Source source, String folder, String path, int line, String date) implements Origin {}

    /** A stored chat message. */
    public record Message(String chat, long seq, Instant time, String sender) implements Origin {
        @Override
        public Source source() {
            return Source.MESSAGE;
        }
    }
}
