package dev.pincer.host.store;

import java.time.Instant;

/** A message as stored: {@code seq} is monotonic per chat, {@code id} unique per chat. */
public record StoredMessage(String chatJid, long seq, String id, String sender, String text,
                            boolean fromAssistant, Instant time) {}
