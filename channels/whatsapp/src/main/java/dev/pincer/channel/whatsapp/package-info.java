/**
 * WhatsApp as a Pincer channel through Meta's official Cloud API: the provider and its
 * {@code WHATSAPP_*} settings, the channel (replies, files, read receipts, media downloads, the
 * connection's state), the 24-hour customer-service window, and Markdown as WhatsApp formats it.
 * May depend on the host's channel SPI ({@code dev.pincer.host.channel}), its own {@code graph}
 * (the calls out) and {@code webhook} (the calls in) packages, Jackson and SLF4J.
 */
package dev.pincer.channel.whatsapp;
