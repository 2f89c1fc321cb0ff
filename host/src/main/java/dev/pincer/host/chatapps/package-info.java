/**
 * The chat apps Pincer is connected to, on the host's side: loading the channel modules found on the
 * class path ({@link dev.pincer.host.chatapps.ChatApps}), what each reports to and how it is doing
 * ({@link dev.pincer.host.chatapps.ChannelStatus}), and "typing…" while a run is busy
 * ({@link dev.pincer.host.chatapps.TypingKeeper}). May depend on {@code channel} (the SPI), {@code events},
 * {@code outbox} and {@code store}.
 */
package dev.pincer.host.chatapps;
