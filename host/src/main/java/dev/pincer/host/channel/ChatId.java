package dev.pincer.host.channel;

import java.util.regex.Pattern;

/**
 * Chat ids: a channel name, a colon, and the channel's own id of the chat ({@code web:family},
 * {@code tg:12345}). The one place that says how they are written.
 */
public final class ChatId {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,31}:\\S.{0,200}");
    private static final String WEB_PREFIX = "web:";

    /** A web chat's name, after {@code web:}; the web API names chats by it. */
    public static final Pattern WEB_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private ChatId() {}

    /** The channel's name: what comes before the first colon. */
    public static String channel(String chatId) {
        int colon = chatId.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("chat id '" + shown(chatId) + "' names no channel: use '<channel>:<id>'");
        }
        return chatId.substring(0, colon);
    }

    /** Returns {@code chat} if it is a well-formed chat id; else throws, saying how one is written. */
    public static String check(String chat) {
        if (chat == null || !ID.matcher(chat).matches()) {
            throw new IllegalArgumentException("invalid chat '" + shown(chat)
                    + "': use '<channel>:<id>', e.g. 'web:family' or 'tg:12345'");
        }
        if (chat.startsWith(WEB_PREFIX) && !WEB_NAME.matcher(chat.substring(WEB_PREFIX.length())).matches()) {
            throw new IllegalArgumentException("invalid web chat '" + shown(chat) + "': the name after 'web:' uses "
                    + "1-64 characters a-z, 0-9, '_' or '-', starting with a letter or digit");
        }
        return chat;
    }

    private static String shown(String value) {
        return value == null ? "null" : value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
