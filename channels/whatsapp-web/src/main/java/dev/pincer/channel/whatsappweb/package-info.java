/**
 * WhatsApp Web as a Pincer chat channel (opt-in with {@code WHATSAPP_WEB=on}): Pincer linked to the
 * owner's personal number as a companion device through Cobalt, chats written {@code wa:<user>@<server>}
 * beside the Cloud API's {@code wa:<digits>}. Here: the provider, the settings and the channel, which
 * keeps the connection up ({@code session}) and converts between Cobalt's messages and the SPI's
 * ({@code mapping}). Depends on the channel SPI ({@code dev.pincer.host.channel}), Cobalt and the Cloud
 * API module's WhatsApp formatting; the core never imports it (it is found with {@link java.util.ServiceLoader}).
 */
package dev.pincer.channel.whatsappweb;
