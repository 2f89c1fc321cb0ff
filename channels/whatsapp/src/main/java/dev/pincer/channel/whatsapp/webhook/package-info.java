/**
 * The WhatsApp webhook as Meta calls it: the subscription handshake, the {@code X-Hub-Signature-256}
 * check over the raw body ({@link dev.pincer.channel.whatsapp.webhook.Signature}), and the
 * notifications read into the host's {@code Inbound} messages and delivery statuses
 * ({@link dev.pincer.channel.whatsapp.webhook.Notification}). May depend on the host's channel SPI
 * ({@code dev.pincer.host.channel}) and Jackson; it makes no calls of its own.
 */
package dev.pincer.channel.whatsapp.webhook;
