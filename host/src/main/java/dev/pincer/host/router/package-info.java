/**
 * What happens to a received message: {@link dev.pincer.host.router.Router} stores it first, then
 * applies the trigger rules ({@link dev.pincer.host.router.Triggers}) and wakes the group, or carries
 * out {@code /reset} ({@link dev.pincer.host.router.SessionReset});
 * {@link dev.pincer.host.router.PromptFormatter} turns stored messages into the escaped XML prompt.
 * May depend on {@code store} and {@code channel}.
 */
package dev.pincer.host.router;
