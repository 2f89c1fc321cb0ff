/**
 * Durable delivery of replies: {@link dev.pincer.host.outbox.Outbox} hands queued replies to their
 * channel until one accepts, then stores them as the chat's assistant messages;
 * {@link dev.pincer.host.outbox.Replies} strips {@code <internal>} parts. May depend on {@code store}
 * and {@code channel}.
 */
package dev.pincer.host.outbox;
