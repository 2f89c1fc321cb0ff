package dev.pincer.channel.whatsapp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The messages this channel sent lately (wamid to chat and the start of the text), so a
 * {@code failed} status that comes back through the webhook can say which reply it was. The outbox
 * has marked such a reply delivered already (the platform had accepted it); the owner is told.
 * Kept in memory for the last {@link #SIZE} messages: a status for an older one names only the chat.
 */
final class SentLog {

    static final int SIZE = 2000;

    /** One sent message. */
    record Sent(String chatId, String preview) {}

    private final Map<String, Sent> sent = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Sent> eldest) {
            return size() > SIZE;
        }
    };

    synchronized void add(String messageId, String chatId, String text) {
        String t = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        sent.put(messageId, new Sent(chatId, t.length() <= 60 ? t : t.substring(0, 57) + "..."));
    }

    synchronized Optional<Sent> get(String messageId) {
        return Optional.ofNullable(sent.get(messageId));
    }
}
