package dev.pincer.channel.whatsappweb;

import it.auties.whatsapp.model.info.ChatMessageInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the channel remembers for a while: the ids of the messages Pincer sent (a message with one of
 * them is Pincer's own, never the owner's) and the last media messages received (so the host can
 * fetch their files). Bounded; the oldest are forgotten first.
 */
final class Recent {

    static final int SENT = 5000;
    static final int MEDIA = 500;

    private final Map<String, Boolean> sent = bounded(SENT);
    private final Map<String, ChatMessageInfo> media = bounded(MEDIA);

    synchronized void sent(String id) {
        if (id != null) {
            sent.put(id, Boolean.TRUE);
        }
    }

    synchronized boolean sentByPincer(String id) {
        return sent.containsKey(id);
    }

    synchronized void media(String fileId, ChatMessageInfo message) {
        media.put(fileId, message);
    }

    synchronized Optional<ChatMessageInfo> media(String fileId) {
        return Optional.ofNullable(media.get(fileId));
    }

    private static <V> Map<String, V> bounded(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }
}
