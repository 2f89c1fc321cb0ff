/**
 * Between Cobalt's message model and Pincer's channel SPI: a received
 * {@link it.auties.whatsapp.model.info.ChatMessageInfo} becomes an {@link dev.pincer.host.channel.Inbound}
 * ({@link dev.pincer.channel.whatsappweb.mapping.InboundMapper}), a reply part or file becomes a
 * Cobalt message ({@link dev.pincer.channel.whatsappweb.mapping.OutboundMessages}), and chat ids are
 * written {@code wa:<user>@<server>} ({@link dev.pincer.channel.whatsappweb.mapping.ChatIds}). Pure
 * conversions without I/O; depends on Cobalt's model classes and the channel SPI only.
 */
package dev.pincer.channel.whatsappweb.mapping;
