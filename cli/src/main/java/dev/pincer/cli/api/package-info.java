/**
 * Talking to a running Pincer: {@link dev.pincer.cli.api.PincerApi} finds out whether this home's
 * Pincer answers on its local API and calls it (JSON, long-polls, the event stream) with
 * {@code java.net.http}. May depend on {@code host.config} and {@code protocol} only.
 */
package dev.pincer.cli.api;
