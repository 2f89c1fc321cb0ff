package dev.pincer.host.channel;

import java.time.Duration;

/**
 * What a platform can do.
 *
 * @param maxLength   the longest message it takes, in characters after {@link Channel#format}
 * @param threads     replies can go into a thread (Slack {@code thread_ts}, email references, a reply-to)
 * @param typingEvery how often a typing indicator must be repeated to stay visible, or null if it has none
 * @param edit        a sent message can be edited
 * @param reactions   messages can get reactions
 * @param media       files can be sent and received
 */
public record Capabilities(int maxLength, boolean threads, Duration typingEvery, boolean edit, boolean reactions,
                           boolean media) {

    public Capabilities {
        if (maxLength < 100) {
            throw new IllegalArgumentException("a channel must take messages of at least 100 characters");
        }
    }

    public boolean typing() {
        return typingEvery != null;
    }
}
