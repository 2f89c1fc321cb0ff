/**
 * {@code ./pincer setup}'s steps: asking in the terminal or not at all ({@link dev.pincer.cli.setup.Prompter}),
 * checking a model key with one tiny real call ({@link dev.pincer.cli.setup.ProviderCheck}), and
 * configuring the chat channel modules found with {@link java.util.ServiceLoader}, each checked by
 * its own {@code check()} ({@link dev.pincer.cli.setup.ChannelSetup}). May depend on
 * {@code host.config}, {@code host.channel}, {@code host.doctor} and {@code protocol}.
 */
package dev.pincer.cli.setup;
