package dev.pincer.cli.nanoclaw;

import dev.pincer.host.channel.ChatId;
import java.util.Optional;

/**
 * NanoClaw's chat ids in Pincer's notation: WhatsApp jids ({@code 1203…@g.us},
 * {@code 4917…@s.whatsapp.net}, {@code …@lid}) become {@code wa:<jid>}; ids that already name a
 * channel ({@code tg:…}, {@code dc:…}, {@code slack:…}) stay as they are.
 */
final class ChatIds {
    private ChatIds() {}

    static Optional<String> pincer(String jid) {
        if (jid == null || jid.isBlank()) {
            return Optional.empty();
        }
        String j = jid.strip();
        String id = j.endsWith("@g.us") || j.endsWith("@s.whatsapp.net") || j.endsWith("@lid") ? "wa:" + j : j;
        try {
            return Optional.of(ChatId.check(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
