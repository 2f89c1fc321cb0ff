/**
 * Telegram as a Pincer chat channel: a bot that long-polls the Bot API (through the telegrambots
 * client), maps updates to {@link dev.pincer.host.channel.Inbound} messages, and sends replies as
 * Telegram HTML, optionally through a pool of extra bots that speak for sub-agents. Depends only on
 * the channel SPI ({@code dev.pincer.host.channel}) and the telegrambots library; the core never
 * imports it (it is found with {@link java.util.ServiceLoader}).
 */
package dev.pincer.channel.telegram;
