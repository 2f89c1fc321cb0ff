/**
 * {@link dev.pincer.host.queue.GroupQueue}: one sandbox per group, a global cap on busy ones, groups
 * waiting in FIFO order; warm sandboxes hold no slot and the least recently used is closed when room
 * is needed. Knows groups only by folder name and runs work through its {@code Runner} interface;
 * depends on nothing else in the host.
 */
package dev.pincer.host.queue;
