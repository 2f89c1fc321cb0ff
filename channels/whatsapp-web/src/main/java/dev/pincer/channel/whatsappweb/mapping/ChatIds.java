package dev.pincer.channel.whatsappweb.mapping;

import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;

/**
 * Chat ids of WhatsApp Web chats: {@code wa:} and the chat's jid without a device, {@code user@server}:
 * {@code wa:4915112345678@s.whatsapp.net} (a person, by number), {@code wa:120363041234567890@g.us}
 * (a group), {@code wa:81234567890123@lid} (a person whose number WhatsApp hides). The prefix is the
 * same as the Cloud API channel's ({@code wa:4915112345678}, digits only), so a chat id names its
 * channel by its form: with an {@code @} it is WhatsApp Web's, without one the Cloud API's.
 */
public final class ChatIds {
    private ChatIds() {}

    public static final String PREFIX = "wa";

    /** The chat id of a jid (its device, if any, dropped). */
    public static String of(Jid jid) {
        Jid simple = jid.toSimpleJid();
        if (!simple.hasUser()) {
            throw new IllegalArgumentException("'" + jid + "' is not a chat");
        }
        return PREFIX + ":" + simple;
    }

    /** Whether WhatsApp Web serves {@code chatId}: {@code wa:} and a jid with a user and a server. */
    public static boolean owns(String chatId) {
        if (!chatId.startsWith(PREFIX + ":")) {
            return false;
        }
        String jid = chatId.substring(PREFIX.length() + 1);
        int at = jid.indexOf('@');
        return at > 0 && at < jid.length() - 1 && jid.indexOf('@', at + 1) < 0 && jid.chars().noneMatch(Character::isWhitespace);
    }

    /** The jid of a chat id this channel owns. */
    public static Jid jid(String chatId) {
        if (!owns(chatId)) {
            throw new IllegalArgumentException("'" + chatId + "' is not a WhatsApp Web chat: use wa:<user>@<server>, e.g."
                    + " wa:4915112345678@s.whatsapp.net or wa:120363041234567890@g.us");
        }
        return Jid.of(chatId.substring(PREFIX.length() + 1));
    }

    /** Whether the jid is a group chat. */
    public static boolean group(Jid jid) {
        return jid.hasServer(JidServer.groupOrCommunity());
    }
}
