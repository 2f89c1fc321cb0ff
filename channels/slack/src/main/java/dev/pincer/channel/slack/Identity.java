package dev.pincer.channel.slack;

/**
 * Who the bot is, from {@code auth.test}.
 *
 * @param userId       the bot user's id ({@code U...}): its own messages carry it as {@code user}
 * @param botId        the bot's id ({@code B...}): its own messages carry it as {@code bot_id}
 * @param name         the bot user's name
 * @param team         the workspace's name
 * @param canCustomize the token has {@code chat:write.customize}, so a message may show another name
 */
record Identity(String userId, String botId, String name, String team, boolean canCustomize) {

    static final String CUSTOMIZE_SCOPE = "chat:write.customize";

    /** Whether a message's author is the bot itself (by its ids, never by its text). */
    boolean isSelf(String user, String bot) {
        return (user != null && user.equals(userId)) || (bot != null && bot.equals(botId));
    }
}
