package dev.pincer.channel.telegram;

import java.util.Set;

/**
 * Who the bot is, as {@code getMe} told: how its own messages and mentions of it are recognised.
 *
 * @param id       the bot's user id
 * @param username its username, without {@code @}
 * @param poolIds  the user ids of the pool bots that speak for sub-agents (their messages are the bot's own too)
 */
record BotIdentity(long id, String username, Set<Long> poolIds) {

    BotIdentity {
        poolIds = Set.copyOf(poolIds);
    }

    /** Whether {@code userId} is the bot or one of its pool bots. */
    boolean isOwn(Long userId) {
        return userId != null && (userId == id || poolIds.contains(userId));
    }
}
