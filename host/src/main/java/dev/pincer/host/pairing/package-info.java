/**
 * Pairing: how a person nobody approved yet gets to talk to the assistant. Their direct message is
 * answered with a code and reaches no model; the owner's approval registers the DM as a group. May
 * depend on {@code store}, {@code groups}, {@code outbox} and {@code channel}.
 */
package dev.pincer.host.pairing;
