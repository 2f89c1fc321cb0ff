/**
 * The email channel: a mailbox read over IMAP (IDLE, or polling) and replies sent over SMTP, with
 * Jakarta Mail (Eclipse Angus). Each sender is a direct conversation, each mail thread a thread.
 * Depends on the host's channel SPI ({@code dev.pincer.host.channel}) and on
 * {@code dev.pincer.channel.email.text} for the text of mails; the core knows it only through
 * {@link java.util.ServiceLoader}.
 */
package dev.pincer.channel.email;
