/**
 * Discord as a chat channel, through JDA (gateway and REST, no voice): {@link dev.pincer.channel.discord.DiscordProvider}
 * reads the settings and creates the {@link dev.pincer.channel.discord.DiscordChannel}; {@code Gateway} keeps a JDA
 * session up and maps its status events to the channel's state; {@code InboundMessages} turns received messages
 * into {@code Inbound}s; {@code Outbound} sends, {@code DiscordMarkdown} formats, {@code DirectChats} remembers who
 * a direct-message channel belongs to, {@code BotCheck} is {@code doctor}'s token check. May depend on the host's
 * {@code channel} SPI and on JDA, nothing else of Pincer.
 */
package dev.pincer.channel.discord;
