/**
 * Chat app connections as the core sees them: the {@link dev.pincer.host.channel.Channel} SPI, the
 * {@link dev.pincer.host.channel.Inbox} a channel hands received messages to, the
 * {@link dev.pincer.host.channel.IncomingMessage} and how chat ids are written
 * ({@link dev.pincer.host.channel.ChatId}). May depend on {@code store} (a stored message is what the
 * inbox returns); channel implementations depend on this package, never the other way round.
 */
package dev.pincer.host.channel;
