/**
 * The assembly of a running Pincer: {@link dev.pincer.host.app.Pincer} wires the store, router,
 * queue, runner, host tools, scheduler and outbox by constructor, starts the {@code Frontend}s found
 * with {@link java.util.ServiceLoader} (the web chat is one) and offers them
 * {@link dev.pincer.host.app.PincerServices}; {@code Runtimes} configures every sandbox runtime from
 * the settings. The one package that may depend on every other host package; none depends on it
 * except {@code doctor}, the CLI and the frontends.
 */
package dev.pincer.host.app;
