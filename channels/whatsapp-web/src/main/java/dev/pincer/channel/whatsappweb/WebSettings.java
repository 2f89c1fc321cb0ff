package dev.pincer.channel.whatsappweb;

import dev.pincer.channel.whatsappweb.mapping.ChatIds;
import dev.pincer.host.channel.ChannelProvider.Setting;
import dev.pincer.host.channel.ChannelSettings;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The WhatsApp Web channel's settings, checked (see {@code channels/whatsapp-web/README.md}).
 *
 * @param selfChatMain the chat with oneself ("Message yourself") is the main group's chat
 *                     ({@code ./pincer whatsapp link} and {@code ./pincer whatsapp main} move it there)
 * @param chats        the only chats handed to Pincer (empty: every chat); the self chat is always
 *                     among them when it is main
 * @param sendFiles    files are sent (through Cobalt's upload, which 0.0.10 gets wrong: see the README)
 */
public record WebSettings(boolean selfChatMain, Set<String> chats, boolean sendFiles) {

    public static final String ENABLED = "WHATSAPP_WEB";
    public static final String SELF_CHAT_MAIN = "WHATSAPP_WEB_SELF_CHAT_MAIN";
    public static final String CHATS = "WHATSAPP_WEB_CHATS";
    public static final String SEND_FILES = "WHATSAPP_WEB_SEND_FILES";

    static final List<Setting> ALL = List.of(
            new Setting(ENABLED, true, false, "on: link Pincer to your personal WhatsApp number as a companion device"
                    + " (then run ./pincer whatsapp link); unofficial, off unless set"),
            new Setting(SELF_CHAT_MAIN, false, false, "on: your chat with yourself (\"Message yourself\") is the main"
                    + " group's chat (applied by ./pincer whatsapp link or ./pincer whatsapp main); default off"),
            new Setting(CHATS, false, false, "only these chats reach Pincer, comma-separated wa:<user>@<server> ids"
                    + " (default: every chat is recorded; unregistered ones are never answered)"),
            new Setting(SEND_FILES, false, false, "on: send files the agent makes (experimental: Cobalt 0.0.10's upload"
                    + " is likely to produce files phones cannot open); default off: the chat is told instead"));

    public WebSettings {
        chats = Set.copyOf(chats);
    }

    /**
     * The settings when {@code WHATSAPP_WEB} is on; empty when it is unset or off.
     *
     * @throws IllegalArgumentException naming a setting that is not valid and how to fix it
     */
    public static Optional<WebSettings> from(ChannelSettings s) {
        if (!flag(s, ENABLED)) {
            return Optional.empty();
        }
        Set<String> chats = new LinkedHashSet<>();
        for (String c : s.get(CHATS).orElse("").split(",")) {
            String chat = c.strip();
            if (chat.isEmpty()) {
                continue;
            }
            if (!ChatIds.owns(chat)) {
                throw new IllegalArgumentException(CHATS + " lists '" + chat + "', which is not a WhatsApp Web chat: write"
                        + " wa:<user>@<server>, e.g. wa:4915112345678@s.whatsapp.net or wa:120363041234567890@g.us"
                        + " (GET /api/chats lists the chats Pincer has seen)");
            }
            chats.add(chat);
        }
        return Optional.of(new WebSettings(flag(s, SELF_CHAT_MAIN), chats, flag(s, SEND_FILES)));
    }

    /** Whether Pincer takes messages of {@code chatId}; {@code selfChat} is the owner's chat with themselves. */
    public boolean admits(String chatId, String selfChat) {
        return chats.isEmpty() || chats.contains(chatId) || (selfChatMain && chatId.equals(selfChat));
    }

    /** An on/off setting: on, true, yes or 1; off, false, no, 0 or unset. */
    static boolean flag(ChannelSettings s, String name) {
        Optional<String> v = s.get(name);
        if (v.isEmpty()) {
            return false;
        }
        return switch (v.get().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1" -> true;
            case "off", "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException(name + "=" + v.get() + " is neither on nor off; write " + name + "=on"
                    + " or " + name + "=off");
        };
    }
}
