/**
 * The WhatsApp Web session on disk and its connection: the private session folder (keys and the
 * library's store, folders 0700 and files 0600), linking a personal number as a companion device
 * (QR code or pairing code, rendered for a terminal), and the {@link dev.pincer.channel.whatsappweb.session.Account}
 * a connected session offers the channel. The only package that builds Cobalt connections; depends on
 * Cobalt and the channel SPI, never on the channel package above it.
 */
package dev.pincer.channel.whatsappweb.session;
