/**
 * Chat app connections as the core sees them: the {@link dev.pincer.host.channel.Channel} SPI (with {@link dev.pincer.host.channel.ChannelBase},
 * which holds a channel's name, prefix and capabilities) and its
 * {@link dev.pincer.host.channel.ChannelProvider} (with {@link dev.pincer.host.channel.ChannelModule}, the base a
 * module's provider extends), the {@link dev.pincer.host.channel.Inbox} a channel
 * hands an {@link dev.pincer.host.channel.Inbound} message to, what goes out
 * ({@link dev.pincer.host.channel.Outgoing}, {@link dev.pincer.host.channel.OutgoingFile}), the shared
 * helpers every channel uses ({@link dev.pincer.host.channel.Reconnect}, {@link dev.pincer.host.channel.Backoff},
 * {@link dev.pincer.host.channel.TextSplitter}, {@link dev.pincer.host.channel.CappedInput},
 * {@link dev.pincer.host.channel.FileLimits}) and how chat ids are written ({@link dev.pincer.host.channel.ChatId}). May depend on {@code store} (a stored message is what the
 * inbox returns); channel implementations depend on this package, never the other way round.
 */
package dev.pincer.host.channel;
