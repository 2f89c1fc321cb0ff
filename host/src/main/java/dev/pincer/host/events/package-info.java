/**
 * In-process events for live views: the {@link dev.pincer.host.events.EventBus} that the runner, the
 * outbox and the task scheduler publish to and the web's event stream reads. Depends on nothing.
 */
package dev.pincer.host.events;
