/**
 * The operator's files in {@code PINCER_HOME} that several commands change: {@code .env} edited in
 * place and kept at mode 0600 ({@link dev.pincer.cli.home.EnvFile}), which settings hold secrets
 * ({@link dev.pincer.cli.home.SecretSettings}), and whether the store is in use by a running
 * process ({@link dev.pincer.cli.home.StoreLock}). May depend on {@code host.config} and
 * {@code host.channel}.
 */
package dev.pincer.cli.home;
